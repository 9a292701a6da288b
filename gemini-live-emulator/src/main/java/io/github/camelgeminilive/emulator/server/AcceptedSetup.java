package io.github.camelgeminilive.emulator.server;

import io.github.camelgeminilive.protocol.ModelRules;
import io.github.camelgeminilive.protocol.Setup;

/**
 * A setup that passed validation.
 *
 * @param setup            the decoded setup
 * @param rules            the rules of its model family
 * @param resumptionHandle the handle to resume, or null for a new session
 */
record AcceptedSetup(Setup setup, ModelRules rules, String resumptionHandle) {
}
