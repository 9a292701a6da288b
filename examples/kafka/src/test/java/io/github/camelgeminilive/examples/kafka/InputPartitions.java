package io.github.camelgeminilive.examples.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/** Where Kafka's default partitioner puts a call id on the tests' input topic. */
final class InputPartitions {

    /** The partitions the tests give the input topic. */
    static final int COUNT = 4;

    private InputPartitions() {
    }

    /** The first of {@code prefix-0}, {@code prefix-1}, ... on the partition of {@code call} or, if not, on another. */
    static String find(String prefix, String call, boolean samePartition) {
        for (int i = 0;; i++) {
            if ((of(prefix + "-" + i) == of(call)) == samePartition) {
                return prefix + "-" + i;
            }
        }
    }

    private static int of(String call) {
        return Utils.toPositive(Utils.murmur2(call.getBytes(StandardCharsets.UTF_8))) % COUNT;
    }
}
