package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.server.image.MemoryBudget;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every array an upload stores is reserved before it is made, and given back: the budget says what is held. */
class UploadBufferTest {
    private static final int MIB = 1 << 20;

    @Test
    void aDeclaredLengthIsReservedAtOnceAndGivenBackOnClose() throws Exception {
        MemoryBudget memory = new MemoryBudget(10 * MIB);
        byte[] body = randomBytes(4 * MIB);
        try (UploadBuffer upload = UploadBuffer.reserve(memory, body.length, 1, 8 * MIB)) {
            assertEquals(6 * MIB, free(memory));
            upload.append(ByteBuffer.wrap(body, 0, MIB));
            upload.append(ByteBuffer.wrap(body, MIB, body.length - MIB));
            upload.trim();
            assertArrayEquals(body, upload.bytes());
            assertEquals(6 * MIB, free(memory));
        }
        assertEquals(10 * MIB, free(memory));
    }

    @Test
    void aBodyOfUnknownLengthReservesAsItGrowsAndEndsAtItsOwnLength() throws Exception {
        MemoryBudget memory = new MemoryBudget(10 * MIB);
        byte[] body = randomBytes(300_000);
        try (UploadBuffer upload = UploadBuffer.reserve(memory, -1, 1, 8 * MIB)) {
            for (int at = 0; at < body.length; at += 7_000) {
                upload.append(ByteBuffer.wrap(body, at, Math.min(7_000, body.length - at)));
            }
            upload.trim();
            assertArrayEquals(body, upload.bytes());
            assertEquals(10 * MIB - kibibytesOf(body.length), free(memory));
        }
        assertEquals(10 * MIB, free(memory));
    }

    @Test
    void aFormReservesEachByteAsOftenAsItIsCopied() throws Exception {
        MemoryBudget memory = new MemoryBudget(10 * MIB);
        try (UploadBuffer upload = UploadBuffer.reserve(memory, MIB, ImageUpload.FORM_COPIES, 8 * MIB)) {
            assertEquals(10 * MIB - ImageUpload.FORM_COPIES * MIB, free(memory));
        }
    }

    @Test
    void memoryHeldByOthersIsServiceUnavailableAndMoreThanAllOfItIsTooLarge() throws Exception {
        MemoryBudget memory = new MemoryBudget(10 * MIB);
        try (UploadBuffer first = UploadBuffer.reserve(memory, 6 * MIB, 1, 8 * MIB)) {
            ApiException busy = assertThrows(ApiException.class, () -> UploadBuffer.reserve(memory, 6 * MIB, 1,
                    8 * MIB));
            assertEquals(503, busy.status());
            assertTrue(busy.getMessage().contains("memory this one needs (6 MB)"), busy.getMessage());

            // Growing past what is free fails the same way, and keeps what was held.
            UploadBuffer growing = UploadBuffer.reserve(memory, -1, 1, 8 * MIB);
            ApiException grown = assertThrows(ApiException.class, () -> growing.append(ByteBuffer.allocate(5 * MIB)));
            assertEquals(503, grown.status());
            growing.close();
        }
        ApiException tooLarge = assertThrows(ApiException.class, () -> UploadBuffer.reserve(memory, 4 * MIB,
                ImageUpload.FORM_COPIES, 8 * MIB));
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.getMessage().contains("needs 12 MB of memory, more than the 10 MB"), tooLarge.getMessage());
        assertEquals(10 * MIB, free(memory));
    }

    private static long free(MemoryBudget memory) {
        return memory.availableBytes();
    }

    private static long kibibytesOf(int bytes) {
        return (bytes + 1023L) / 1024 * 1024;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
