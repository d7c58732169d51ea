package dev.digestpipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digestpipeline.stack.LocalStack;
import dev.digestpipeline.stack.LocalStack.Server;
import dev.digestpipeline.stack.StackSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crashed server comes back by {@code ./digest stack up}, as an operator would run it: each server of a running
 * stack SIGKILLed in turn, then {@code stack up} starts that one alone on its ports and data and leaves the others
 * running (before, it tried to start the whole stack, found the others' ports taken and left the dead one dead).
 */
class StackRecoveryIT {
    private static Path stackDir;
    private static DigestCommand digest;

    @BeforeAll
    static void stackUp() throws Exception {
        Path home = StackSettings.home(System.getenv());
        stackDir = Files.createTempDirectory(Files.createDirectories(home.resolve(".stack")), "recovery-");
        Map<String, String> env = DigestCommand.stackOnFreePorts(home, stackDir);
        digest = new DigestCommand(env, Files.createDirectories(home.resolve("cli/target/stack-recovery-it")));
        digest.run("stack", "up");
    }

    @AfterAll
    static void stackDown() throws Exception {
        if (digest != null) {
            digest.run("stack", "down", "--purge"); // after a failure too: stopped by PID, its folder deleted
        }
    }

    @Test
    void stackUpStartsAServerThatDiedAloneOnItsPortsAndLeavesTheOthersRunning() throws Exception {
        for (Server killed : Server.values()) {
            LocalStack before = LocalStack.attach(stackDir).orElseThrow();
            Map<Server, Long> pids = pids(before);
            ProcessHandle process = ProcessHandle.of(pids.get(killed)).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(1, TimeUnit.MINUTES);

            String output = digest.run("stack", "up");
            assertTrue(
                    output.contains(killed.key() + " is not running (pid " + pids.get(killed) + " is gone): "
                            + "starting it alone on its ports and data"),
                    output);
            LocalStack after = LocalStack.attach(stackDir).orElseThrow(() -> new AssertionError(output));
            Map<Server, Long> now = pids(after);
            for (Server other : Server.values()) {
                if (other == killed) {
                    assertNotEquals(pids.get(killed), now.get(killed), killed.key() + " was started again");
                } else {
                    assertEquals(pids.get(other), now.get(other), other.key() + " was left running");
                }
            }
            assertEquals(before.bootstrapServers(), after.bootstrapServers());
            assertServing(after);
        }
    }

    private static Map<Server, Long> pids(LocalStack stack) {
        List<Long> pids = stack.pids();
        return Map.of(Server.KAFKA, pids.get(0), Server.REGISTRY, pids.get(1), Server.ELASTICSEARCH, pids.get(2));
    }

    /** Each server answers on the address the stack gives: a broker lists topics, the others answer 200. */
    private static void assertServing(LocalStack stack) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String url : List.of(
                stack.registryUrl() + "/apis/ccompat/v7/subjects", stack.elasticsearchUrl() + "/_cluster/health")) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), url);
        }
    }
}
