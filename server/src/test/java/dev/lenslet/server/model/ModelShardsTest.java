package dev.lenslet.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.Quantization;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import dev.lenslet.server.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/** The shared primary model cut into shards and described by its manifest. */
class ModelShardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] modelFile;
    private static ModelShards shards;
    private static JsonNode manifest;

    @BeforeAll
    static void convert() throws Exception {
        modelFile = Files.readAllBytes(SharedFiles.MODEL);
        shards = ModelShards.of("mobilenet_v2_1.0_224_quant.tflite", modelFile, null);
        manifest = JSON.readTree(shards.manifestJson());
    }

    @Test
    void shardsAreConsecutiveSlicesOfAtMostOneMebibyte() {
        List<ModelShards.Shard> all = shards.shards();

        assertEquals(4, all.size(), "3,610,798 bytes in 1 MiB shards");
        for (int i = 0; i < all.size() - 1; i++) {
            assertEquals(ModelShards.MAX_SHARD_BYTES, all.get(i).bytes().length, "shard " + i);
        }
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        all.forEach(shard -> reassembled.writeBytes(shard.bytes()));
        assertArrayEquals(modelFile, reassembled.toByteArray());
    }

    @Test
    void shardPathsAreTheModelKeyAndTheShardHash() {
        String folder = "/model/" + ModelSource.PINNED_SHA256.substring(0, 16) + "/";
        assertEquals(folder, shards.shardFolder());
        for (ModelShards.Shard shard : shards.shards()) {
            String sha = ModelShards.sha256(shard.bytes(), 0, shard.bytes().length);
            assertEquals(sha, shard.sha256());
            assertEquals(folder + sha + ".bin", shard.path());
            assertEquals(shard, shards.shardAt(shard.path()));
        }
        assertNull(shards.shardAt(folder + "0".repeat(64) + ".bin"));
    }

    @Test
    void manifestDescribesTheFileAndItsShards() {
        assertEquals("lenslet-shards-1", manifest.get("format").asText());
        JsonNode model = manifest.get("model");
        assertEquals("mobilenet_v2_1.0_224_quant.tflite", model.get("name").asText());
        assertEquals(modelFile.length, model.get("bytes").asLong());
        assertEquals(ModelSource.PINNED_SHA256, model.get("sha256").asText());
        JsonNode input = manifest.get("input");
        assertEquals(224, input.get("height").asInt());
        assertEquals(224, input.get("width").asInt());
        assertEquals(3, input.get("channels").asInt());

        JsonNode listed = manifest.get("shards");
        List<ModelShards.Shard> all = shards.shards();
        assertEquals(all.size(), listed.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).path(), listed.get(i).get("url").asText());
            assertEquals(all.get(i).bytes().length, listed.get(i).get("bytes").asInt());
            assertEquals(all.get(i).sha256(), listed.get(i).get("sha256").asText());
        }
    }

    @Test
    void manifestListsEveryTensorOfTheModel() {
        TfliteModel parsed = TfliteModelReader.read(modelFile);
        JsonNode tensors = manifest.get("tensors");

        assertEquals(parsed.tensors.size(), tensors.size());
        long constantBytes = 0;
        for (int i = 0; i < tensors.size(); i++) {
            ModelTensor expected = parsed.tensors.get(i);
            JsonNode tensor = tensors.get(i);
            assertEquals(expected.name, tensor.get("name").asText());
            assertEquals(expected.type.name(), tensor.get("type").asText());
            assertEquals(expected.shape.length, tensor.get("shape").size());
            for (int d = 0; d < expected.shape.length; d++) {
                assertEquals(expected.shape[d], tensor.get("shape").get(d).asInt());
            }
            Quantization quantization = expected.quantization;
            float[] scales = quantization == null ? new float[0] : quantization.scales;
            long[] zeroPoints = quantization == null ? new long[0] : quantization.zeroPoints;
            assertEquals(scales.length, tensor.get("scales").size());
            for (int c = 0; c < scales.length; c++) {
                assertEquals(scales[c], (float) tensor.get("scales").get(c).asDouble(), "scales survive JSON exactly");
            }
            assertEquals(zeroPoints.length, tensor.get("zeroPoints").size());
            for (int c = 0; c < zeroPoints.length; c++) {
                assertEquals(zeroPoints[c], tensor.get("zeroPoints").get(c).asLong());
            }
            assertEquals(quantization == null ? 0 : quantization.dimension, tensor.get("quantizedDimension").asInt());
            assertEquals(expected.dataLength(), tensor.get("bytes").asInt());
            constantBytes += expected.dataLength();
        }
        assertTrue(constantBytes > 3_400_000 && constantBytes < modelFile.length,
                "the 8-bit weights are most of the file: " + constantBytes);
        JsonNode input = tensors.get(parsed.inputs[0]);
        assertEquals("UINT8", input.get("type").asText());
        assertEquals(0.0078125, input.get("scales").get(0).asDouble(), "1/128");
        assertEquals(128, input.get("zeroPoints").get(0).asInt());
    }

    @Test
    void labelsAreNullWhenEmbeddedAndTheTextWhenGiven() throws Exception {
        assertTrue(manifest.get("labels").isNull());

        String labelText = Files.readString(SharedFiles.path("models/imagenet_labels.txt"), StandardCharsets.UTF_8);
        ModelShards withLabels = ModelShards.of("m.tflite", modelFile, labelText);
        assertEquals(labelText, JSON.readTree(withLabels.manifestJson()).get("labels").asText());
    }
}
