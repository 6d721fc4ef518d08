package dev.cascade.wire.transfer;

/**
 * How one piece is cut into blocks: block {@code b} carries piece bytes
 * {@code [b * blockSize, min((b + 1) * blockSize, pieceLength))}; every block but the last is full.
 */
public record BlockLayout(int pieceLength, int blockSize) {

    public BlockLayout {
        if (pieceLength < 1 || blockSize < 1) {
            throw new IllegalArgumentException("piece length and block size must be positive, were " + pieceLength
                    + " and " + blockSize);
        }
    }

    public int blockCount() {
        return (int) (((long) pieceLength + blockSize - 1) / blockSize);
    }

    public int offset(int block) {
        return block * blockSize;
    }

    public int length(int block) {
        return block < blockCount() - 1 ? blockSize : pieceLength - (blockCount() - 1) * blockSize;
    }
}
