package dev.lenslet.core;

/** What one layer computes, for profiles; the same in either arithmetic. */
public final class LayerInfo {
    private final String kind;
    private final String shape;
    private final long multiplyAdds;

    public LayerInfo(String kind, String shape, long multiplyAdds) {
        this.kind = kind;
        this.shape = shape;
        this.multiplyAdds = multiplyAdds;
    }

    /** conv, pointwise, depthwise, add, pool, softmax or copy. */
    public String kind() {
        return kind;
    }

    /** Its shapes, e.g. "56x56x24 -> 56x56x144". */
    public String shape() {
        return shape;
    }

    /** Multiply-adds per run; 0 for layers that only add, average or move values. */
    public long multiplyAdds() {
        return multiplyAdds;
    }
}
