package dev.cascade.metadata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.contracts.v1.GetSeatRequest;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Seat;
import dev.cascade.contracts.v1.SeatState;
import io.grpc.stub.StreamObserver;

/** licensing-service as metadata-service sees it, answering the seats the test assigned; the real one is tested in its module. */
final class FakeLicensingService extends LicensingServiceGrpc.LicensingServiceImplBase {

    private final Map<String, Seat> seats = new ConcurrentHashMap<>();

    void assign(String deviceId, SeatState state, long assignedAtUnixMs) {
        seats.put(deviceId, Seat.newBuilder().setDeviceId(deviceId).setState(state).setAssignedAtUnixMs(assignedAtUnixMs).build());
    }

    @Override
    public void getSeat(GetSeatRequest request, StreamObserver<Seat> response) {
        response.onNext(seats.getOrDefault(request.getDeviceId(),
                Seat.newBuilder().setDeviceId(request.getDeviceId()).setState(SeatState.SEAT_STATE_NONE).build()));
        response.onCompleted();
    }
}
