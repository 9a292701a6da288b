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
        List<ModalityTokenCount> responseTokensDetails,
        List<ModalityTokenCount> cacheTokensDetails,
        List<ModalityTokenCount> toolUsePromptTokensDetails) {
    public UsageMetadata {
        promptTokensDetails = Immutable.list(promptTokensDetails);
        responseTokensDetails = Immutable.list(responseTokensDetails);
        cacheTokensDetails = Immutable.list(cacheTokensDetails);
        toolUsePromptTokensDetails = Immutable.list(toolUsePromptTokensDetails);
    }

    /** Without the cache and tool-use details. */
    public UsageMetadata(Integer promptTokenCount, Integer cachedContentTokenCount, Integer responseTokenCount,
            Integer toolUsePromptTokenCount, Integer thoughtsTokenCount, Integer totalTokenCount,
            List<ModalityTokenCount> promptTokensDetails, List<ModalityTokenCount> responseTokensDetails) {
        this(promptTokenCount, cachedContentTokenCount, responseTokenCount, toolUsePromptTokenCount,
                thoughtsTokenCount, totalTokenCount, promptTokensDetails, responseTokensDetails, null, null);
    }

    public record ModalityTokenCount(String modality, Integer tokenCount) {
    }
}
