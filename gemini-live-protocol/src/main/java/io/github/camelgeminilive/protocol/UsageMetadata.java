package io.github.camelgeminilive.protocol;

import java.util.List;

/** Token accounting; counts may arrive as JSON numbers or strings. */
public record UsageMetadata(
        Integer promptTokenCount,
        Integer cachedContentTokenCount,
        Integer responseTokenCount,
        Integer toolUsePromptTokenCount,
        Integer thoughtsTokenCount,
        Integer totalTokenCount,
        List<ModalityTokenCount> promptTokensDetails,
        List<ModalityTokenCount> responseTokensDetails) {

    public record ModalityTokenCount(String modality, Integer tokenCount) {
    }
}
