package dev.cascade.metadata.deployment;

import java.util.List;

/** Who a deployment is for: a rule evaluated against the peers as they are when it is asked. */
public sealed interface DeploymentTarget {

    String kind();

    /** Every peer. */
    record All() implements DeploymentTarget {
        @Override
        public String kind() {
            return "ALL";
        }
    }

    /** The peers of an office and of its sub-offices (including those that join later). */
    record Office(String officeId) implements DeploymentTarget {
        @Override
        public String kind() {
            return "OFFICE";
        }
    }

    /** The listed devices. */
    record Devices(List<String> deviceIds) implements DeploymentTarget {
        public Devices {
            deviceIds = List.copyOf(deviceIds);
        }

        @Override
        public String kind() {
            return "DEVICES";
        }
    }
}
