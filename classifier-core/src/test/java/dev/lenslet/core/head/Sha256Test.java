package dev.lenslet.core.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.core.SharedData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plain-Java SHA-256 against FIPS 180 examples, the JDK's own on every padding case, and a real model file. */
class Sha256Test {
    /** NIST's SHA-256 examples (FIPS 180-2 appendix B, and the empty message). */
    @ParameterizedTest
    @CsvSource({
        "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
            + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst"
            + "nopqrstu, cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"})
    void fipsExamples(String message, String expected) {
        assertEquals(expected, Sha256.hex(Sha256.digest(message.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void millionAs() {
        byte[] a = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.hex(Sha256.digest(a)));
    }

    /** Every length from 0 to 200 bytes covers every way the last block and its padding can fall. */
    @Test
    void sameAsTheJdkForEveryTailLength() throws NoSuchAlgorithmException {
        Random random = new Random(5);
        for (int length = 0; length <= 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);
            assertArrayEquals(expected, Sha256.digest(data), "length " + length);
        }
    }

    /** The hash ../shared/README.md publishes for the primary model. */
    @Test
    void primaryModelFile() {
        byte[] model = SharedData.bytes(SharedData.model(SharedData.PRIMARY));
        assertEquals("7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776",
                Sha256.hex(Sha256.digest(model)));
    }
}
