package dev.lenslet.webapp.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes kernels.wasm, the WebAssembly SIMD128 integer kernels of the uint8 network: gemm, conv, depthwise3x3,
 * add, average_pool and copy over the imported memory {@code env.memory}. Run by the build (process-classes) with the
 * output file as its one argument; plain Java, never compiled by TeaVM.
 */
public final class KernelModule {
    private KernelModule() {
    }

    static byte[] build() {
        WasmModule module = new WasmModule();
        int gemm = module.add(GemmKernel.generate(), true);
        module.add(ConvKernel.generate(gemm), true);
        module.add(DepthwiseKernel.generate(), true);
        module.add(AddKernel.generate(), true);
        module.add(AveragePoolKernel.generate(), true);
        module.add(CopyKernel.generate(), true);
        return module.toBytes();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelModule <output .wasm file>");
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, build());
    }
}
