package com.opstower.raindrop.queryapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    @Test
    void keepsEveryByteInOrderWhateverTheSizeAndTheReadsItArrivesIn() throws IOException {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 196_608, 1_000_000, 3_211_264, 5_000_001}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            ResponseBody body = ResponseBody.read(new Trickle(bytes, 1 + random.nextInt(70_000)), 26_214_400, true);

            assertEquals(size, body.length());
            assertArrayEquals(bytes, body.toArray(), "size " + size);
            assertArrayEquals(bytes, body.newInputStream().readAllBytes(), "size " + size);
            assertArrayEquals(bytes, body.newInputStream().readAllBytes(), "a second stream, size " + size);
        }
    }

    @Test
    void failsAsSoonAsAStrictBodyPassesItsBoundAndCutsALenientOne() throws IOException {
        byte[] bytes = new byte[100_000];
        Arrays.fill(bytes, (byte) 'x');

        ResponseTooLarge tooLarge = assertThrows(ResponseTooLarge.class,
                () -> ResponseBody.read(new ByteArrayInputStream(bytes), 99_999, true));
        assertEquals(99_999, tooLarge.limitBytes());
        assertEquals(100_000, ResponseBody.read(new ByteArrayInputStream(bytes), 100_000, true).length());
        assertArrayEquals(Arrays.copyOf(bytes, 16_384),
                ResponseBody.read(new Trickle(bytes, 5_000), 16_384, false).toArray());
    }

    @Test
    void readsABodyOfAnnouncedLengthIntoOneArrayAndRefusesOneThatIsNot() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(5).nextBytes(bytes);
        ResponseBody body = ResponseBody.readExactly(new Trickle(bytes, 7_000), bytes.length);
        assertArrayEquals(bytes, body.toArray());
        assertEquals(body.toArray(), body.toArray(), "one array, handed back without a copy");

        assertThrows(IOException.class, () -> ResponseBody.readExactly(new Trickle(bytes, 7_000), 300_001), "shorter than announced");
        assertThrows(IOException.class, () -> ResponseBody.readExactly(new Trickle(bytes, 7_000), 299_999), "longer than announced");
    }

    @Test
    void handsBackAnExactlyFilledSinglePieceWithoutACopy() {
        byte[] bytes = {1, 2, 3};
        assertEquals(bytes, ResponseBody.of(bytes).toArray());
    }

    /** A stream that hands out at most {@code step} bytes per read, as a network stream does. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int at;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int count) {
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(count, step), bytes.length - at);
            System.arraycopy(bytes, at, into, offset, n);
            at += n;
            return n;
        }
    }
}
