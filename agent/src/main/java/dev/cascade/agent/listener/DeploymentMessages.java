package dev.cascade.agent.listener;

import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.SourcePlan;

/**
 * Where the listener hands the server's content messages once it accepted them (and before it ACKs them): called on
 * the listener's thread, so an implementation only takes note and returns.
 */
public interface DeploymentMessages {

    /** Takes no action: an agent that only registers (the messages are still acknowledged and logged). */
    DeploymentMessages NONE = new DeploymentMessages() {
        @Override
        public void notice(DeploymentNotice notice) {
        }

        @Override
        public void plan(SourcePlan plan) {
        }
    };

    void notice(DeploymentNotice notice);

    void plan(SourcePlan plan);
}
