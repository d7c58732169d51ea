package dev.digestpipeline.tagging.learned;

/**
 * Term key to column, open addressing over one primitive array: each slot holds the key's high 44 bits and the
 * column in the low 20, so a lookup touches one cache line and allocates nothing. Two terms whose keys share
 * their high 44 bits cannot both be kept; the vocabulary is built from keys, so that is refused at build time.
 */
final class TermIndex {
    static final int COLUMN_BITS = 20;
    static final int MAX_COLUMNS = 1 << COLUMN_BITS;
    private static final long COLUMN_MASK = MAX_COLUMNS - 1;

    private final long[] slots;
    private final int mask;

    TermIndex(long[] termKeys) {
        if (termKeys.length >= MAX_COLUMNS) {
            throw new IllegalArgumentException("at most " + (MAX_COLUMNS - 1) + " terms, not " + termKeys.length);
        }
        int capacity = Integer.highestOneBit(Math.max(4, termKeys.length * 2 - 1)) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
        for (int column = 0; column < termKeys.length; column++) {
            long high = high(termKeys[column]);
            int slot = slot(termKeys[column]);
            while (slots[slot] != 0) {
                if ((slots[slot] & ~COLUMN_MASK) == high) {
                    throw new IllegalArgumentException("term key " + termKeys[column] + " twice");
                }
                slot = (slot + 1) & mask;
            }
            // column + 1, so that a taken slot is never 0
            slots[slot] = high | (column + 1);
        }
    }

    /** The term's column, or -1 when the vocabulary does not have it. */
    int column(long key) {
        long high = high(key);
        int slot = slot(key);
        long entry;
        while ((entry = slots[slot]) != 0) {
            if ((entry & ~COLUMN_MASK) == high) {
                return (int) (entry & COLUMN_MASK) - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static long high(long key) {
        return key & ~COLUMN_MASK;
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
