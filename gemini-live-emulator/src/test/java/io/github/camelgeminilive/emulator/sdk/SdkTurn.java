package io.github.camelgeminilive.emulator.sdk;

import java.util.List;

/** What the SDK delivered for one model turn, as seen through its public types. */
record SdkTurn(String inputTranscript, byte[] audio, int audioChunks, List<String> audioMimeTypes, String transcript,
        boolean generationComplete, int totalTokenCount) {
}
