package dev.digestpipeline.sink.index;

import dev.digestpipeline.common.settings.AppSettings;
import dev.digestpipeline.common.settings.Setting;

/**
 * The shards and replicas of the indices the sink creates. One replica by default, as Elasticsearch's own default:
 * a node lost loses no document. A single-node cluster cannot place a replica (its indices stay yellow); the local
 * stack sets 0 itself.
 */
public record IndexLayout(int shards, int replicas) {
    public static final Setting SHARDS =
            Setting.integer("index.shards", 1, 1, 64, "primary shards of each index the sink creates");
    public static final Setting REPLICAS = Setting.integer(
            "index.replicas",
            1,
            0,
            16,
            "replicas of each shard of the sink's indices (changed on existing indices at start); 0 on one node");

    public static IndexLayout from(AppSettings settings) {
        return new IndexLayout((int) settings.integer(SHARDS), (int) settings.integer(REPLICAS));
    }
}
