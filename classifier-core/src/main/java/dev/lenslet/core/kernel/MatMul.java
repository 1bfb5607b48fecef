package dev.lenslet.core.kernel;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) over rows of a [rows][inC] input: 1×1 convs, FC, stem.
 * Made by a {@link KernelSet}, which fixes inC, outC, the weights, bias and clamp.
 */
public interface MatMul {
    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(float[] in, int inOff, int rows, float[] out, int outOff);

    /**
     * oiWeights [outC][inC] repacked into panels of {@code width} output channels, [⌈outC/width⌉][inC][width], so
     * that a micro-kernel reads one input channel's weights for a panel's outputs in a row; channels past outC are 0.
     */
    static float[] panels(float[] oiWeights, int inC, int outC, int width) {
        int panelCount = (outC + width - 1) / width;
        float[] panels = new float[panelCount * inC * width];
        for (int o = 0; o < outC; o++) {
            int panelBase = (o / width) * inC * width + o % width;
            for (int i = 0; i < inC; i++) {
                panels[panelBase + i * width] = oiWeights[o * inC + i];
            }
        }
        return panels;
    }
}
