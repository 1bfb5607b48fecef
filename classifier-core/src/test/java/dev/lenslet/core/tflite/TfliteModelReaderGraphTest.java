package dev.lenslet.core.tflite;

import dev.lenslet.core.SharedData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader sees every tensor and operator exactly as the independent dump in ../shared/reference does. */
class TfliteModelReaderGraphTest {
    private static final Pattern TENSOR = Pattern.compile(
            "\\s*(\\d+) (\\w+)\\s+\\[([\\d, ]*)]\\s+(\\d+) (\\S+) \\| (.*)");
    private static final Pattern OPERATOR = Pattern.compile(
            "op(\\d+) (\\w+)\\s+in=\\[([\\d, -]*)] out=\\[([\\d, ]*)]\\s*(.*)");

    @ParameterizedTest
    @ValueSource(strings = {SharedData.PRIMARY, SharedData.PER_CHANNEL})
    void readerMatchesReferenceGraphDump(String modelName) throws IOException {
        TfliteModel model = TfliteModelReader.read(SharedData.bytes(SharedData.model(modelName)));
        List<String> dump = Files.readAllLines(SharedData.root().resolve("reference")
                .resolve(modelName.replace(".tflite", ".graph.txt")));
        int tensors = 0, operators = 0;
        for (String line : dump) {
            Matcher t = TENSOR.matcher(line);
            Matcher o = OPERATOR.matcher(line);
            if (t.matches()) {
                checkTensor(model.tensors.get(Integer.parseInt(t.group(1))), t);
                tensors++;
            } else if (o.matches()) {
                checkOperator(model.operators.get(Integer.parseInt(o.group(1))), o);
                operators++;
            }
        }
        assertEquals(model.tensors.size(), tensors, "every tensor is in the dump");
        assertEquals(model.operators.size(), operators, "every operator is in the dump");
        assertEquals(0, model.inputs[0]);
        assertEquals(model.tensors.size() - 1, model.outputs[0]);
    }

    private static void checkTensor(ModelTensor tensor, Matcher m) {
        String where = tensor.describe();
        assertEquals(m.group(2).toUpperCase(Locale.ROOT), tensor.type.name(), where);
        assertArrayEquals(ints(m.group(3)), tensor.shape, where);
        assertEquals(Integer.parseInt(m.group(4)), tensor.dataLength(), where);
        // The dump shows a fused tensor's names only up to the first ';'.
        assertEquals(m.group(5), tensor.name.split(";")[0], where);
        String quant = m.group(6);
        if (quant.equals("no quant")) {
            assertNull(tensor.quantization, where);
        } else if (quant.startsWith("per-channel")) {
            Matcher pc = Pattern.compile("per-channel (\\d+) scales \\(dim (\\d+)\\), zp all \\[(-?\\d+)]").matcher(quant);
            assertTrue(pc.matches(), quant);
            assertEquals(Integer.parseInt(pc.group(1)), tensor.quantization.scales.length, where);
            assertEquals(Integer.parseInt(pc.group(2)), tensor.quantization.dimension, where);
            for (long zp : tensor.quantization.zeroPoints) {
                assertEquals(Long.parseLong(pc.group(3)), zp, where);
            }
        } else {
            Matcher pt = Pattern.compile("scale=(\\S+) zp=(-?\\d+)").matcher(quant);
            assertTrue(pt.matches(), quant);
            assertEquals(Float.parseFloat(pt.group(1)), tensor.quantization.scale(0), where);
            assertEquals(Long.parseLong(pt.group(2)), tensor.quantization.zeroPoint(0), where);
        }
    }

    private static void checkOperator(ModelOperator op, Matcher m) {
        String where = op.describe();
        assertEquals(m.group(2), op.type.name(), where);
        assertArrayEquals(ints(m.group(3)), op.inputs, where);
        assertArrayEquals(ints(m.group(4)), op.outputs, where);
        for (String option : m.group(5).trim().split("\\s+")) {
            if (option.isEmpty()) {
                continue;
            }
            String[] kv = option.split("=");
            switch (kv[0]) {
                case "padding": assertEquals(kv[1].equals("SAME"), op.samePadding, where); break;
                case "stride": assertEquals(kv[1], op.strideW + "," + op.strideH, where); break;
                case "act": assertEquals(kv[1], op.activation.name(), where); break;
                case "depth_multiplier": assertEquals(Integer.parseInt(kv[1]), op.depthMultiplier, where); break;
                case "filter": assertEquals(kv[1], op.filterW + "x" + op.filterH, where); break;
                case "beta": assertEquals(Float.parseFloat(kv[1]), op.beta, where); break;
                case "keep_dims": assertEquals(kv[1].equals("1"), op.keepDims, where); break;
                default: throw new AssertionError(where + ": the dump has option " + option + " the test does not know");
            }
        }
    }

    private static int[] ints(String list) {
        return list.isBlank() ? new int[0]
                : java.util.Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
