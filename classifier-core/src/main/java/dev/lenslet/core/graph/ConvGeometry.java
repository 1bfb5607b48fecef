package dev.lenslet.core.graph;

/** Sizes, strides and padding of a 2-D window op over an NHWC tensor, with TFLite's SAME/VALID arithmetic. */
public final class ConvGeometry {
    public final int inH, inW, inC;
    public final int outH, outW, outC;
    public final int kernelH, kernelW;
    public final int strideH, strideW;
    public final int dilationH, dilationW;
    public final int padTop, padLeft;

    public ConvGeometry(int inH, int inW, int inC, int outC, int kernelH, int kernelW, int strideH, int strideW,
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

    public int inputSize() {
        return inH * inW * inC;
    }

    public int outputSize() {
        return outH * outW * outC;
    }

    /** Where output pixel (oy, ox)'s tap (ky, kx) reads: (iy·inW + ix)·inC, or −1 where it falls outside the input. */
    public int tapOffset(int oy, int ox, int ky, int kx) {
        int iy = oy * strideH - padTop + ky * dilationH;
        int ix = ox * strideW - padLeft + kx * dilationW;
        return iy >= 0 && iy < inH && ix >= 0 && ix < inW ? (iy * inW + ix) * inC : -1;
    }

    /** "inH x inW x inC -> outH x outW x outC, kernelH x kernelW /strideH", for profiles. */
    public String describe() {
        return inH + "x" + inW + "x" + inC + " -> " + outH + "x" + outW + "x" + outC + ", " + kernelH + "x" + kernelW
                + " /" + strideH;
    }

    /**
     * Whether a depthwise convolution of this shape takes the 3×3 sliding-window kernels: depth multiplier 1, no
     * dilation, stride 1 or 2 along rows.
     */
    public boolean slides3x3(int depthMultiplier) {
        return depthMultiplier == 1 && kernelH == 3 && kernelW == 3 && dilationH == 1 && dilationW == 1
                && (strideW == 1 || strideW == 2);
    }
}
