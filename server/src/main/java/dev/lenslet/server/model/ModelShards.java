package dev.lenslet.server.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.Quantization;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file cut, once and in memory, into content-hashed shards plus a JSON manifest, the form in which the
 * browser worker and service worker fetch it ("lenslet-shards-1"). The shards are consecutive slices of the file
 * itself, so the worker can reassemble the exact file and check the whole-file SHA-256 as well as each shard's.
 * Shard URLs contain their own hash, so they can be cached forever; only the manifest is revalidated.
 */
public final class ModelShards {
    static final String FORMAT = "lenslet-shards-1";
    public static final String MANIFEST_PATH = "/model/manifest.json";
    /** Small enough to retry cheaply on a flaky connection, big enough to keep the request count low (4 here). */
    static final int MAX_SHARD_BYTES = 1 << 20;
    /** Hex digits of the model's SHA-256 in the shard folder: tells models apart in caches and logs. */
    private static final int MODEL_KEY_LENGTH = 16;

    /** One slice of the model file, served at {@code path}. */
    public record Shard(String path, String sha256, byte[] bytes) {
    }

    /** The manifest's "model" entry; /healthz reports it too. */
    public record ModelInfo(String name, long bytes, String sha256) {
    }

    private record Manifest(String format, ModelInfo model, Input input, List<Tensor> tensors, String labels,
                            List<ShardInfo> shards) {
    }

    private record Input(int height, int width, int channels) {
    }

    private record Tensor(String name, String type, int[] shape, float[] scales, long[] zeroPoints,
                          int quantizedDimension, int bytes) {
    }

    private record ShardInfo(String url, int bytes, String sha256) {
    }

    private final ModelInfo model;
    private final String shardFolder;
    private final Map<String, Shard> shardsByPath;
    private final byte[] manifestJson;

    private ModelShards(ModelInfo model, String shardFolder, Map<String, Shard> shardsByPath, byte[] manifestJson) {
        this.model = model;
        this.shardFolder = shardFolder;
        this.shardsByPath = shardsByPath;
        this.manifestJson = manifestJson;
    }

    /**
     * @param labelText the label file's text, or null when the model's embedded labels are used
     * @throws dev.lenslet.core.InvalidModelException if the file is not a TFLite model Lenslet can read
     */
    public static ModelShards of(String modelName, byte[] modelFile, String labelText) {
        TfliteModel parsed = TfliteModelReader.read(modelFile);
        String modelSha = sha256(modelFile, 0, modelFile.length);
        ModelInfo model = new ModelInfo(modelName, modelFile.length, modelSha);
        String shardFolder = "/model/" + modelSha.substring(0, MODEL_KEY_LENGTH) + "/";

        Map<String, Shard> shardsByPath = new LinkedHashMap<>();
        List<ShardInfo> shardInfos = new ArrayList<>();
        for (int start = 0; start < modelFile.length; start += MAX_SHARD_BYTES) {
            int end = Math.min(modelFile.length, start + MAX_SHARD_BYTES);
            String sha = sha256(modelFile, start, end - start);
            Shard shard = new Shard(shardFolder + sha + ".bin", sha, Arrays.copyOfRange(modelFile, start, end));
            shardsByPath.put(shard.path(), shard);
            shardInfos.add(new ShardInfo(shard.path(), shard.bytes().length, sha));
        }

        int[] inputShape = parsed.input().shape; // NHWC: [1, height, width, channels]
        Input input = new Input(inputShape[1], inputShape[2], inputShape[3]);
        List<Tensor> tensors = parsed.tensors.stream().map(ModelShards::describe).toList();
        Manifest manifest = new Manifest(FORMAT, model, input, tensors, labelText, shardInfos);
        return new ModelShards(model, shardFolder, shardsByPath, toJson(manifest));
    }

    public ModelInfo model() {
        return model;
    }

    /** The JSON manifest, UTF-8. */
    public byte[] manifestJson() {
        return manifestJson;
    }

    /** The path prefix under which all shards of this model are served, e.g. {@code /model/7aad0c74c5e3c06e/}. */
    public String shardFolder() {
        return shardFolder;
    }

    /** The shards in file order. */
    List<Shard> shards() {
        return List.copyOf(shardsByPath.values());
    }

    /** The shard served at {@code path}, or null if there is none. */
    public Shard shardAt(String path) {
        return shardsByPath.get(path);
    }

    private static Tensor describe(ModelTensor tensor) {
        Quantization q = tensor.quantization;
        return new Tensor(tensor.name, tensor.type.name(), tensor.shape,
                q == null ? new float[0] : q.scales,
                q == null ? new long[0] : q.zeroPoints,
                q == null ? 0 : q.dimension,
                tensor.dataLength());
    }

    private static byte[] toJson(Manifest manifest) {
        try {
            return new ObjectMapper().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest records are always serializable", e);
        }
    }

    public static String sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
