package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Block;
import dev.cascade.wire.Header;
import dev.cascade.wire.TransferLimits;

/** Blocks fit the stated datagram size whatever the field values (docs/protocol.md §17.3). */
class BlockSizingTest {

    @Test
    void aLanBlockFillsA1472ByteDatagramAndNeverExceedsIt() {
        String id = "c".repeat(64);
        int size = BlockSizing.blockSize(1472, id);
        assertThat(size).isEqualTo(1472 - 80 - 54 - 1 - 1 - 64);

        assertThat(worstCaseDatagram(id, size)).isLessThanOrEqualTo(1472).isGreaterThan(1472 - 16);
    }

    @Test
    void theLongestContentIdStillLeavesBlocksAtTheIpv6Minimum() {
        String id = "\u20ac".repeat(256); // 256 characters of 3 UTF-8 bytes: the longest id in bytes
        int size = BlockSizing.blockSize(TransferLimits.MIN_DATAGRAM_SIZE, id);
        assertThat(size).isGreaterThanOrEqualTo(TransferLimits.MIN_BLOCK_SIZE);
        assertThat(worstCaseDatagram(id, size)).isLessThanOrEqualTo(TransferLimits.MIN_DATAGRAM_SIZE);
    }

    @Test
    void hugeDatagramsAreCappedAtTheLargestBlock() {
        assertThat(BlockSizing.blockSize(65_507, "x")).isEqualTo(TransferLimits.MAX_BLOCK_SIZE);
        assertThat(worstCaseDatagram("x", TransferLimits.MAX_BLOCK_SIZE)).isLessThanOrEqualTo(65_507);
    }

    @Test
    void aDatagramSizeOutsideTheProtocolRangeIsRefusedByName() {
        assertThatThrownBy(() -> BlockSizing.blockSize(1199, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max datagram size 1199");
    }

    @Test
    void theDefaultComesFromTheRoutingInterfacesMtuWithinBounds() throws Exception {
        int loopback = BlockSizing.defaultMaxDatagramSize(InetAddress.getLoopbackAddress());
        int mtu = BlockSizing.interfaceMtu(InetAddress.getLoopbackAddress());
        if (mtu > 0) {
            assertThat(loopback).isEqualTo(Math.max(1200, Math.min(mtu - 28, BlockSizing.MAX_DEFAULT_DATAGRAM)));
        } else {
            assertThat(loopback).isEqualTo(TransferLimits.MIN_DATAGRAM_SIZE);
        }
        assertThat(loopback).isBetween(TransferLimits.MIN_DATAGRAM_SIZE, BlockSizing.MAX_DEFAULT_DATAGRAM);
    }

    /** A BLOCK datagram with every varint field at its longest. */
    private static int worstCaseDatagram(String contentId, int blockSize) {
        Block block = Block.newBuilder().setTransferId(-1L).setContentId(contentId).setPieceIndex(-1).setBlockIndex(-1)
                .setRequestId(-1).setBlockSize(-1).setPieceLength(-1).setSentMicros(-1)
                .setData(ByteString.copyFrom(new byte[blockSize]))
                .build();
        return Header.SIZE + block.getSerializedSize() + Header.TAG_SIZE;
    }
}
