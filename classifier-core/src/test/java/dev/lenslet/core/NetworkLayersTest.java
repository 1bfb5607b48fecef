package dev.lenslet.core;

import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.quant.QuantizedNetwork;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    private final TfliteModel model = TfliteModelReader.read(SharedData.bytes(SharedData.model(SharedData.PRIMARY)));
    private final FloatNetwork network = FloatNetwork.build(model, KernelSet.REGISTER_BLOCKED);

    @Test
    void layersRunOneByOneGiveWhatRunGives() {
        Pixels cat = SharedData.pixels("cat.bmp");
        network.setInput(cat, Crop.SQUASH);
        float[] output = network.run(); // the output buffer, which every run reuses
        float[] whole = output.clone();
        Arrays.fill(output, Float.NaN);

        network.setInput(cat, Crop.SQUASH);
        for (int i = 0; i < network.layerCount(); i++) {
            network.runLayer(i);
        }

        assertArrayEquals(whole, output);
    }

    @Test
    void integerLayersRunOneByOneGiveWhatRunGives() {
        QuantizedNetwork layers = QuantizedNetwork.build(model, KernelSet.REGISTER_BLOCKED);
        Pixels cat = SharedData.pixels("cat.bmp");
        layers.setInput(cat, Crop.SQUASH);
        byte[] whole = layers.run().clone();

        layers.setInput(SharedData.pixels("bird.rgb"), Crop.SQUASH);
        assertFalse(Arrays.equals(whole, layers.run()), "another photo gives other outputs");
        layers.setInput(cat, Crop.SQUASH);
        for (int i = 0; i < layers.layerCount(); i++) {
            layers.runLayer(i);
        }

        assertArrayEquals(whole, layers.output());
    }

    /** What a profiler reaches through the classifier, in either arithmetic: the same layers, described alike. */
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
        LayeredNetwork floatLayers = SharedData.classifier(SharedData.PRIMARY, KernelSet.REGISTER_BLOCKED).layers();
        assertEquals(network.layerCount(), floatLayers.layerCount());
        assertEquals(network.layer(0).shape(), floatLayers.layer(0).shape());
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
