package dev.cascade.wire.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;

class ReassemblerTest {

    private static final int MIB = 1024 * 1024;
    private static final long KEY = 7;

    private final Instant t0 = Instant.parse("2026-11-25T04:00:00Z");
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Fragmenter fragmenter = new Fragmenter();

    private static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private FragmentedMessage message(long id, int length) {
        return fragmenter.split(MessageType.APP_METADATA, bytes(length, id), id);
    }

    private FragmentResult accept(Reassembler reassembler, UUID sender, Fragment fragment) {
        return reassembler.accept(sender, KEY, KeyPurpose.CONNECTOR, fragment, t0);
    }

    private static FragmentRefusal refusal(FragmentResult result) {
        assertThat(result).isInstanceOf(FragmentResult.Refused.class);
        return ((FragmentResult.Refused) result).ack().getRefusal();
    }

    @Test
    void reassemblesFragmentsArrivingInAnyOrder() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        byte[] payload = bytes(10_000, 1);
        FragmentedMessage message = fragmenter.split(MessageType.APP_METADATA, payload, 42);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < message.count(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));

        FragmentResult last = null;
        for (int i : order) {
            last = accept(reassembler, alice, message.fragment(i));
        }

        assertThat(last).isInstanceOf(FragmentResult.Completed.class);
        LargeMessage done = ((FragmentResult.Completed) last).message();
        assertThat(done.payload()).isEqualTo(payload);
        assertThat(done.type()).isEqualTo(MessageType.APP_METADATA);
        assertThat(done.sender()).isEqualTo(alice);
        assertThat(done.keyId()).isEqualTo(KEY);
        assertThat(((FragmentResult.Completed) last).ack().getComplete()).isTrue();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    void refusesAMessageAboveTheSizeLimitWithoutBufferingAnything() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS.withMaxMessageBytes(MIB));
        Fragment fragment = message(1, MIB + 1).fragment(0);

        assertThat(refusal(accept(reassembler, alice, fragment))).isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_TOO_LARGE);
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.messagesInProgress(alice)).isZero();
    }

    @Test
    void aSenderOverItsMessageCountIsRefusedWhileAnotherSenderIsNot() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS.withPerSender(2, 32L * MIB));
        assertThat(accept(reassembler, alice, message(1, 5000).fragment(0))).isInstanceOf(FragmentResult.Held.class);
        assertThat(accept(reassembler, alice, message(2, 5000).fragment(0))).isInstanceOf(FragmentResult.Held.class);

        assertThat(refusal(accept(reassembler, alice, message(3, 5000).fragment(0))))
                .isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_SENDER_LIMIT);
        assertThat(accept(reassembler, bob, message(3, 5000).fragment(0))).isInstanceOf(FragmentResult.Held.class);
        // fragments of messages already admitted still go on
        assertThat(accept(reassembler, alice, message(1, 5000).fragment(1))).isInstanceOf(FragmentResult.Held.class);
        assertThat(reassembler.messagesInProgress(alice)).isEqualTo(2);
    }

    @Test
    void aSenderOverItsByteLimitIsRefusedUntilItsMessageCompletes() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS.withPerSender(8, 3L * MIB));
        FragmentedMessage first = message(1, 2 * MIB);
        accept(reassembler, alice, first.fragment(0));

        assertThat(refusal(accept(reassembler, alice, message(2, 2 * MIB).fragment(0))))
                .isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_SENDER_LIMIT);
        assertThat(accept(reassembler, bob, message(2, 2 * MIB).fragment(0))).isInstanceOf(FragmentResult.Held.class);

        for (int i = 1; i < first.count(); i++) {
            accept(reassembler, alice, first.fragment(i));
        }
        assertThat(reassembler.bufferedBytes(alice)).isZero();
        assertThat(accept(reassembler, alice, message(2, 2 * MIB).fragment(0))).isInstanceOf(FragmentResult.Held.class);
    }

    @Test
    void theTotalLimitRefusesNewMessagesOfEverySender() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS.withMaxBytesTotal(3L * MIB));
        accept(reassembler, alice, message(1, 2 * MIB).fragment(0));

        assertThat(refusal(accept(reassembler, bob, message(2, 2 * MIB).fragment(0))))
                .isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_BUSY);
        assertThat(reassembler.bufferedBytes()).isEqualTo(reassembler.bufferedBytes(alice));
        assertThat(reassembler.bufferedBytes(bob)).isZero();
    }

    @Test
    void accountsTheBufferItHoldsAndDuplicatesAddNothing() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        FragmentedMessage message = message(1, 100_000);
        accept(reassembler, alice, message.fragment(3));
        long held = reassembler.bufferedBytes(alice);
        assertThat(held).isEqualTo(PartialMessage.costOf(100_000, message.count())).isGreaterThanOrEqualTo(100_000);

        FragmentResult duplicate = accept(reassembler, alice, message.fragment(3));

        assertThat(duplicate).isEqualTo(new FragmentResult.Held(false, 1, message.count()));
        assertThat(reassembler.bufferedBytes(alice)).isEqualTo(held);
        assertThat(reassembler.bufferedBytes()).isEqualTo(held);
    }

    @Test
    void refusesFragmentsThatContradictTheFirstOrThemselves() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        FragmentedMessage message = message(9, 5000);
        Fragment first = message.fragment(0);
        accept(reassembler, alice, first);
        Fragment second = message.fragment(1);

        List<Fragment> bad = List.of(
                second.toBuilder().setMessageType(MessageType.STATUS_REQUEST.code()).build(),
                second.toBuilder().setTotalLength(6000).build(),
                second.toBuilder().setFragmentSize(1000).build(),
                second.toBuilder().setIndex(message.count()).build(),
                second.toBuilder().setData(second.getData().substring(1)).build(),
                message.fragment(message.count() - 1).toBuilder().setData(second.getData()).build(),
                second.toBuilder().setFragmentSize(Fragmenter.MIN_FRAGMENT_SIZE - 1).build(),
                second.toBuilder().setTotalLength(0).build());
        for (Fragment fragment : bad) {
            assertThat(refusal(accept(reassembler, alice, fragment))).as(fragment.toString().replace('\n', ' '))
                    .isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT);
        }
        assertThat(refusal(reassembler.accept(alice, KEY + 1, KeyPurpose.CONNECTOR, second, t0)))
                .isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT);

        // the message in progress is unaffected
        FragmentResult last = null;
        for (int i = 1; i < message.count(); i++) {
            last = accept(reassembler, alice, message.fragment(i));
        }
        assertThat(last).isInstanceOf(FragmentResult.Completed.class);
    }

    @Test
    void dropsFragmentsWhoseKeyFamilyMayNotSendTheWholeMessage() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        Fragment appMetadata = message(1, 5000).fragment(0);

        FragmentResult result = reassembler.accept(alice, KEY, KeyPurpose.FLEET, appMetadata, t0);

        assertThat(result).isInstanceOf(FragmentResult.Dropped.class);
        assertThat(((FragmentResult.Dropped) result).reason()).isEqualTo(DropReason.UNKNOWN_KEY);
        assertThat(((FragmentResult.Dropped) reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR,
                appMetadata.toBuilder().setMessageType(MessageType.FRAGMENT.code()).build(), t0)).reason())
                .isEqualTo(DropReason.UNKNOWN_TYPE);
        assertThat(((FragmentResult.Dropped) reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR,
                appMetadata.toBuilder().setMessageType(0x99).build(), t0)).reason())
                .isEqualTo(DropReason.UNKNOWN_TYPE);
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    void incompleteMessagesExpireAndFreeTheirMemory() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        FragmentedMessage message = message(1, 50_000);
        accept(reassembler, alice, message.fragment(0));
        reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR, message.fragment(1), t0.plusSeconds(10));

        reassembler.expire(t0.plusSeconds(39));
        assertThat(reassembler.messagesInProgress(alice)).isEqualTo(1);

        reassembler.expire(t0.plusSeconds(40));
        assertThat(reassembler.messagesInProgress(alice)).isZero();
        assertThat(reassembler.bufferedBytes()).isZero();
        // a late fragment starts over rather than completing a message whose other fragments are gone
        FragmentResult late = reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR, message.fragment(2), t0.plusSeconds(41));
        assertThat(late).isEqualTo(new FragmentResult.Held(true, 1, message.count()));
    }

    @Test
    void lateDuplicatesAfterCompletionAreAnsweredCompleteWithoutANewReassembly() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        FragmentedMessage message = message(1, 3000);
        for (int i = 0; i < message.count(); i++) {
            accept(reassembler, alice, message.fragment(i));
        }

        FragmentResult late = reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR, message.fragment(0), t0.plusSeconds(59));

        assertThat(late).isInstanceOf(FragmentResult.AlreadyComplete.class);
        assertThat(late.ackNow().orElseThrow().getComplete()).isTrue();
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.messagesInProgress(alice)).isZero();
        // forgotten after the completed-memory period
        assertThat(reassembler.accept(alice, KEY, KeyPurpose.CONNECTOR, message.fragment(0), t0.plusSeconds(61)))
                .isInstanceOf(FragmentResult.Held.class);
    }

    @Test
    void aProgressAckIsDueOnceTheMessageWasQuietForTheAckDelay() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        FragmentedMessage message = message(5, 20_000);
        accept(reassembler, alice, message.fragment(0));
        accept(reassembler, alice, message.fragment(9));

        assertThat(reassembler.dueAcks(t0.plusMillis(49))).isEmpty();
        List<PendingAck> due = reassembler.dueAcks(t0.plusMillis(50));

        assertThat(due).hasSize(1);
        PendingAck ack = due.get(0);
        assertThat(ack.sender()).isEqualTo(alice);
        assertThat(ack.keyId()).isEqualTo(KEY);
        assertThat(ack.ack().getFragmentCount()).isEqualTo(message.count());
        assertThat(ack.ack().getReceived().toByteArray()).containsExactly(0x01, 0x02);
        assertThat(reassembler.dueAcks(t0.plusMillis(500))).isEmpty();
    }

    @Test
    void aFragmentDatagramWhosePayloadDoesNotParseIsDroppedAsMalformed() {
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);
        dev.cascade.wire.Datagram garbage = new dev.cascade.wire.Datagram(
                new dev.cascade.wire.Header(1, MessageType.FRAGMENT.code(), 0, alice, KEY, 1, 0, 3),
                MessageType.FRAGMENT, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        dev.cascade.wire.WireKey key = new dev.cascade.wire.WireKey(KEY, KeyPurpose.CONNECTOR, new byte[32], null);

        FragmentResult result = reassembler.accept(garbage, key, t0);

        assertThat(result).isInstanceOf(FragmentResult.Dropped.class);
        assertThat(((FragmentResult.Dropped) result).reason()).isEqualTo(DropReason.MALFORMED_PAYLOAD);
    }
}
