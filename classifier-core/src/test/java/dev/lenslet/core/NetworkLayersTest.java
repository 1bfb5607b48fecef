package dev.lenslet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a per-layer profiler sees of the real MobileNetV2, in either arithmetic: its layers, described, run one at
 * a time.
 */
class NetworkLayersTest {
    private final Classifier classifier = SharedData.classifier(SharedData.PRIMARY, KernelSet.REGISTER_BLOCKED);
    private final Network network = classifier.network();

    @Test
    void layersRunOneByOneGiveWhatRunGives() {
        Pixels cat = SharedData.pixels("cat.bmp");
        classifier.prepareInput(cat, Crop.SQUASH);
        float[] output = network.run(); // the output buffer, which every run reuses
        float[] whole = output.clone();
        Arrays.fill(output, Float.NaN);

        classifier.prepareInput(cat, Crop.SQUASH);
        for (int i = 0; i < network.layerCount(); i++) {
            network.runLayer(i);
        }

        assertArrayEquals(whole, output);
    }

    @Test
    void integerLayersRunOneByOneGiveWhatRunGives() {
        Classifier integer = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)),
                SharedData.labelText(), Arithmetic.INTEGER, KernelSet.REGISTER_BLOCKED);
        QuantizedNetwork layers = integer.quantizedNetwork();
        Pixels cat = SharedData.pixels("cat.bmp");
        integer.prepareInput(cat, Crop.SQUASH);
        byte[] output = layers.run();
        byte[] whole = output.clone();
        Arrays.fill(output, (byte) 0);

        integer.prepareInput(cat, Crop.SQUASH);
        for (int i = 0; i < layers.layerCount(); i++) {
            layers.runLayer(i);
        }

        assertArrayEquals(whole, output);
        assertEquals(layers, integer.layers());
    }

    @Test
    void bothArithmeticsDescribeTheSameLayers() {
        Classifier integer = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)),
                SharedData.labelText(), Arithmetic.INTEGER, KernelSet.REGISTER_BLOCKED);
        LayeredNetwork layers = integer.layers();
        assertEquals(network.layerCount(), layers.layerCount());
        for (int i = 0; i < network.layerCount(); i++) {
            LayerInfo f = network.layer(i), q = layers.layer(i);
            assertEquals(f.kind() + " " + f.shape() + " " + f.multiplyAdds(),
                    q.kind() + " " + q.shape() + " " + q.multiplyAdds(), "layer " + i);
        }
        assertEquals(network, classifier.layers());
    }

    /** MobileNetV2 (Sandler et al. 2018): 1 stem conv, 17 depthwise, 35 pointwise, 10 shortcuts, about 300M MACs. */
    @Test
    void layersAreMobileNetV2s() {
        Map<String, Integer> kinds = new TreeMap<>();
        long multiplyAdds = 0;
        for (int i = 0; i < network.layerCount(); i++) {
            kinds.merge(network.layer(i).kind(), 1, Integer::sum);
            multiplyAdds += network.layer(i).multiplyAdds();
        }

        assertEquals(1, kinds.get("conv"), kinds.toString());
        assertEquals(17, kinds.get("depthwise"), kinds.toString());
        assertEquals(35, kinds.get("pointwise"), kinds.toString());
        assertEquals(10, kinds.get("add"), kinds.toString());
        assertTrue(multiplyAdds > 290_000_000L && multiplyAdds < 310_000_000L, multiplyAdds + " multiply-adds");
        assertEquals("224x224x3 -> 112x112x32, 3x3 /2", network.layer(0).shape());
    }
}
