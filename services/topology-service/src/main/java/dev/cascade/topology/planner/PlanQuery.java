package dev.cascade.topology.planner;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One question to the planner: where should {@code deviceId} get {@code contentId}?
 *
 * @param avoidDeviceIds peers the asker found unreachable or bad: never a source
 */
public record PlanQuery(String deviceId, String contentId, Set<String> avoidDeviceIds) {

    public PlanQuery {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a plan needs the device id of the peer asking");
        }
        if (contentId == null || contentId.isBlank()) {
            throw new IllegalArgumentException("a plan needs the content id asked about");
        }
        deviceId = deviceId.toLowerCase(Locale.ROOT);
        avoidDeviceIds = avoidDeviceIds == null ? Set.of()
                : avoidDeviceIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
