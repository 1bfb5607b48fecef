package dev.lenslet.core;

/** Sizes, strides and padding of a 2-D window op over an NHWC tensor, with TFLite's SAME/VALID arithmetic. */
final class ConvGeometry {
    final int inH, inW, inC;
    final int outH, outW, outC;
    final int kernelH, kernelW;
    final int strideH, strideW;
    final int dilationH, dilationW;
    final int padTop, padLeft;

    ConvGeometry(int inH, int inW, int inC, int outC, int kernelH, int kernelW, int strideH, int strideW,
                 int dilationH, int dilationW, boolean samePadding) {
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.outC = outC;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        int effectiveH = (kernelH - 1) * dilationH + 1;
        int effectiveW = (kernelW - 1) * dilationW + 1;
        this.outH = samePadding ? (inH + strideH - 1) / strideH : (inH + strideH - effectiveH) / strideH;
        this.outW = samePadding ? (inW + strideW - 1) / strideW : (inW + strideW - effectiveW) / strideW;
        // TFLite puts the smaller half of an odd padding before the data, the larger after.
        this.padTop = Math.max(((outH - 1) * strideH + effectiveH - inH) / 2, 0);
        this.padLeft = Math.max(((outW - 1) * strideW + effectiveW - inW) / 2, 0);
    }

    int inputSize() {
        return inH * inW * inC;
    }

    int outputSize() {
        return outH * outW * outC;
    }

    /** Where output pixel (oy, ox)'s tap (ky, kx) reads: (iy·inW + ix)·inC, or −1 where it falls outside the input. */
    int tapOffset(int oy, int ox, int ky, int kx) {
        int iy = oy * strideH - padTop + ky * dilationH;
        int ix = ox * strideW - padLeft + kx * dilationW;
        return iy >= 0 && iy < inH && ix >= 0 && ix < inW ? (iy * inW + ix) * inC : -1;
    }

    /** "inH x inW x inC -> outH x outW x outC, kernelH x kernelW /strideH", for profiles. */
    String describe() {
        return inH + "x" + inW + "x" + inC + " -> " + outH + "x" + outW + "x" + outC + ", " + kernelH + "x" + kernelW
                + " /" + strideH;
    }
}
