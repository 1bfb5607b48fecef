package dev.lenslet.webapp;

import dev.lenslet.core.quant.SimdKernels;
import java.nio.ByteBuffer;
import org.teavm.interop.Import;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * kernels.wasm's functions as the WebAssembly GC build imports them (module {@value #MODULE}, which worker.js
 * fills from the SIMD module it instantiated on TeaVM's own memory). Only reached in the WebAssembly GC build,
 * behind {@link ClassifierWorker#isWasmGC()}: the JavaScript build has no such imports.
 */
final class WasmSimdKernels implements SimdKernels {
    static final String MODULE = "simd";

    @Override
    public int address(ByteBuffer direct) {
        // a fresh view: one made before the memory grew is detached
        return Int8Array.fromJavaBuffer(direct).getByteOffset();
    }

    @Override
    public void gemm(int in, int rows, int inC, int packed, int outC, int out, int multiplier, int shift,
                     int zeroPoint, int min, int max) {
        gemmImport(in, rows, inC, packed, outC, out, multiplier, shift, zeroPoint, min, max);
    }

    @Override
    public void conv(int in, int inH, int inW, int inC, int kernelH, int kernelW, int strideH, int strideW,
                     int padTop, int padLeft, int outH, int outW, int inZero, int patches, int packed, int outC,
                     int out, int multiplier, int shift, int zeroPoint, int min, int max) {
        convImport(in, inH, inW, inC, kernelH, kernelW, strideH, strideW, padTop, padLeft, outH, outW, inZero,
                patches, packed, outC, out, multiplier, shift, zeroPoint, min, max);
    }

    @Override
    public void depthwise3x3(int padded, int paddedW, int channels, int packed, int out, int outH, int outW,
                             int stride, int multiplier, int shift, int zeroPoint, int min, int max) {
        depthwiseImport(padded, paddedW, channels, packed, out, outH, outW, stride, multiplier, shift, zeroPoint,
                min, max);
    }

    @Override
    public void add(int a, int b, int out, int n, int aMultiplier, int aShift, int aZero, int bMultiplier,
                    int bShift, int bZero, int outMultiplier, int outShift, int outZero, int min, int max) {
        addImport(a, b, out, n, aMultiplier, aShift, aZero, bMultiplier, bShift, bZero, outMultiplier, outShift,
                outZero, min, max);
    }

    @Override
    public void averagePool(int in, int inH, int inW, int channels, int kernelH, int kernelW, int strideH,
                            int strideW, int padTop, int padLeft, int outH, int outW, int out, int min, int max) {
        averagePoolImport(in, inH, inW, channels, kernelH, kernelW, strideH, strideW, padTop, padLeft, outH, outW,
                out, min, max);
    }

    @Override
    public void copy(int from, int to, int n) {
        copyImport(from, to, n);
    }

    @Import(module = MODULE, name = "gemm")
    private static native void gemmImport(int in, int rows, int inC, int packed, int outC, int out, int multiplier,
                                          int shift, int zeroPoint, int min, int max);

    @Import(module = MODULE, name = "conv")
    private static native void convImport(int in, int inH, int inW, int inC, int kernelH, int kernelW, int strideH,
                                          int strideW, int padTop, int padLeft, int outH, int outW, int inZero,
                                          int patches, int packed, int outC, int out, int multiplier, int shift,
                                          int zeroPoint, int min, int max);

    @Import(module = MODULE, name = "depthwise3x3")
    private static native void depthwiseImport(int padded, int paddedW, int channels, int packed, int out,
                                               int outH, int outW, int stride, int multiplier, int shift,
                                               int zeroPoint, int min, int max);

    @Import(module = MODULE, name = "add")
    private static native void addImport(int a, int b, int out, int n, int aMultiplier, int aShift, int aZero,
                                         int bMultiplier, int bShift, int bZero, int outMultiplier, int outShift,
                                         int outZero, int min, int max);

    @Import(module = MODULE, name = "average_pool")
    private static native void averagePoolImport(int in, int inH, int inW, int channels, int kernelH, int kernelW,
                                                 int strideH, int strideW, int padTop, int padLeft, int outH,
                                                 int outW, int out, int min, int max);

    @Import(module = MODULE, name = "copy")
    private static native void copyImport(int from, int to, int n);
}
