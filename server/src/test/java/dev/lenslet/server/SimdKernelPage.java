package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * kernels.wasm instantiated in a Chromium page on a memory the page creates, and a memory image to run one kernel
 * call on: inputs, outputs and scratch laid out with random guard bytes around each (and random misalignment), the
 * whole image written into the Wasm memory, the kernel called, the image read back and compared: every output
 * byte with the reference, every other byte (inputs, guards) with what was written.
 */
final class SimdKernelPage {
    /** Where images start in the Wasm memory: past page 0, so that a stray address 0 would show. */
    private static final int BASE = 1 << 16;
    private static final String LOAD_SCRIPT = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const bytes = new Uint8Array(await (await fetch('/wasm/kernels.wasm')).arrayBuffer());
              if (!WebAssembly.validate(bytes)) {
                return 'kernels.wasm (' + bytes.length + ' bytes) does not validate';
              }
              // the limits TeaVM's Wasm GC module gives its memory
              const memory = new WebAssembly.Memory({initial: 33, maximum: 32768});
              const {instance} = await WebAssembly.instantiate(bytes, {env: {memory}});
              window.simdKernels = {memory, exports: instance.exports};
              return 'loaded ' + Object.keys(instance.exports).sort().join(',');
            })().then(done, (error) => done('failed: ' + error));
            """;
    private static final String RUN_SCRIPT = """
            const [base, image, name, args] = arguments;
            const kernels = window.simdKernels;
            const binary = atob(image);
            const missing = base + binary.length - kernels.memory.buffer.byteLength;
            if (missing > 0) {
              kernels.memory.grow(Math.ceil(missing / 65536));
            }
            let view = new Uint8Array(kernels.memory.buffer, base, binary.length);
            for (let i = 0; i < binary.length; i++) {
              view[i] = binary.charCodeAt(i);
            }
            kernels.exports[name](...args);
            view = new Uint8Array(kernels.memory.buffer, base, binary.length);
            let text = '';
            for (let i = 0; i < view.length; i += 8192) {
              text += String.fromCharCode.apply(null, view.subarray(i, i + 8192));
            }
            return btoa(text);
            """;

    private final ChromeDriver driver;

    SimdKernelPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Loads kernels.wasm into the page now open in the driver; returns the sorted export names. */
    String load() {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = driver.executeAsyncScript(LOAD_SCRIPT);
        return String.valueOf(result);
    }

    /** A memory image under construction for one call. */
    static final class Image {
        private record Range(int from, int length, byte[] expected) {
        }

        private final Random random;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Range> outputs = new ArrayList<>();
        private final List<Range> scratch = new ArrayList<>();

        Image(Random random) {
            this.random = random;
        }

        /** Places {@code data} after random guard bytes; returns its Wasm address. */
        int input(byte[] data) {
            guard();
            int address = BASE + bytes.size();
            bytes.writeBytes(data);
            return address;
        }

        /** Room for an output that must end up equal to {@code expected}; it starts as random bytes. */
        int output(byte[] expected) {
            int address = input(randomBytes(expected.length));
            outputs.add(new Range(address - BASE, expected.length, expected));
            return address;
        }

        /** Room the kernel may write anything into. */
        int scratch(int length) {
            int address = input(randomBytes(length));
            scratch.add(new Range(address - BASE, length, null));
            return address;
        }

        private void guard() {
            // 16 to 47 guard bytes, ending at a 16-byte boundary or, one time in two, anywhere
            int length = 16 + random.nextInt(32);
            int end = BASE + bytes.size() + length;
            if (random.nextBoolean()) {
                length += (16 - end % 16) % 16;
            }
            bytes.writeBytes(randomBytes(length));
        }

        private byte[] randomBytes(int length) {
            byte[] b = new byte[length];
            random.nextBytes(b);
            return b;
        }

        /** Calls kernel {@code name} on this image and checks outputs, inputs and guards; {@code what} names the case. */
        void run(SimdKernelPage page, String what, String name, long... args) {
            guard();
            byte[] before = bytes.toByteArray();
            List<Long> arguments = new ArrayList<>();
            for (long a : args) {
                arguments.add(a);
            }
            Object result = ((JavascriptExecutor) page.driver).executeScript(RUN_SCRIPT, BASE,
                    Base64.getEncoder().encodeToString(before), name, arguments);
            byte[] after = Base64.getDecoder().decode(String.valueOf(result));
            assertEquals(before.length, after.length, what);
            byte[] expected = before.clone();
            for (Range output : outputs) {
                System.arraycopy(output.expected, 0, expected, output.from, output.length);
            }
            for (Range s : scratch) {
                System.arraycopy(after, s.from, expected, s.from, s.length);
            }
            for (Range output : outputs) {
                for (int i = 0; i < output.length; i++) {
                    if (after[output.from + i] != expected[output.from + i]) {
                        fail(what + ": output byte " + i + " of " + output.length + " is "
                                + (after[output.from + i] & 0xFF) + ", the reference gives "
                                + (expected[output.from + i] & 0xFF));
                    }
                }
            }
            for (int i = 0; i < before.length; i++) {
                if (after[i] != expected[i]) {
                    fail(what + ": byte at " + (BASE + i) + ", outside every output, changed from "
                            + (before[i] & 0xFF) + " to " + (after[i] & 0xFF));
                }
            }
        }
    }
}
