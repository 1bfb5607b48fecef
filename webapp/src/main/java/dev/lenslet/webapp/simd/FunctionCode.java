package dev.lenslet.webapp.simd;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One function's signature, locals and instruction bytes, written in stack-machine order: {@code get(a).get(b)
 * .op(Op.I32_ADD)} is {@code local.get a; local.get b; i32.add}. Functions return nothing: kernels write memory.
 */
final class FunctionCode {
    private static final int BLOCK = 0x02, LOOP = 0x03, IF = 0x04, END = 0x0B, BR = 0x0C, BR_IF = 0x0D, CALL = 0x10;
    private static final int LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22;
    private static final int I32_LOAD8_U = 0x2D, I32_STORE8 = 0x3A, I32_CONST = 0x41, I64_CONST = 0x42;
    private static final int SIMD_PREFIX = 0xFD, MISC_PREFIX = 0xFC, MEMORY_COPY = 10;
    private static final int V128_LOAD = 0, V128_STORE = 11, V128_CONST = 12, I8X16_SHUFFLE = 13;
    private static final int V128_STORE8_LANE = 88, V128_STORE16_LANE = 89, V128_STORE32_LANE = 90;
    private static final int V128_STORE64_LANE = 91, V128_LOAD64_ZERO = 93;
    private static final int EMPTY_BLOCK_TYPE = 0x40;

    final String name;
    final List<ValueType> params;
    private final List<ValueType> locals = new ArrayList<>();
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private int openBlocks;

    /** @param params the parameters' types; their local indices are 0 .. params.length − 1 */
    FunctionCode(String name, ValueType... params) {
        this.name = name;
        this.params = List.of(params);
    }

    /** A new local of {@code type}, zero-initialised as Wasm does; returns its index. */
    int local(ValueType type) {
        locals.add(type);
        return params.size() + locals.size() - 1;
    }

    /** The body as the code section holds it: locals as (count, type) runs, the instructions, {@code end}. */
    byte[] body() {
        if (openBlocks != 0) {
            throw new IllegalStateException(name + ": " + openBlocks + " blocks left open");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<int[]> runs = new ArrayList<>(); // {count, type code}
        for (ValueType type : locals) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == type.code) {
                runs.get(runs.size() - 1)[0]++;
            } else {
                runs.add(new int[] {1, type.code});
            }
        }
        Leb128.writeUnsigned(out, runs.size());
        for (int[] run : runs) {
            Leb128.writeUnsigned(out, run[0]);
            out.write(run[1]);
        }
        out.writeBytes(code.toByteArray());
        out.write(END);
        return out.toByteArray();
    }

    FunctionCode op(Op op) {
        code.write(op.code);
        return this;
    }

    FunctionCode simd(Simd op) {
        return simdOpcode(op.code);
    }

    FunctionCode get(int local) {
        return withIndex(LOCAL_GET, local);
    }

    FunctionCode set(int local) {
        return withIndex(LOCAL_SET, local);
    }

    FunctionCode tee(int local) {
        return withIndex(LOCAL_TEE, local);
    }

    FunctionCode call(int functionIndex) {
        return withIndex(CALL, functionIndex);
    }

    FunctionCode i32(int value) {
        code.write(I32_CONST);
        Leb128.writeSigned(code, value);
        return this;
    }

    FunctionCode i64(long value) {
        code.write(I64_CONST);
        Leb128.writeSigned(code, value);
        return this;
    }

    /** v128.const of sixteen bytes. */
    FunctionCode v128(byte[] bytes) {
        simdOpcode(V128_CONST);
        code.writeBytes(checkedLength(bytes, 16));
        return this;
    }

    /** {@code memory.copy} (bulk memory) within memory 0: [i32 to, i32 from, i32 n] → []. */
    FunctionCode memoryCopy() {
        code.write(MISC_PREFIX);
        Leb128.writeUnsigned(code, MEMORY_COPY);
        code.write(0);
        code.write(0);
        return this;
    }

    /** {@code block}: a {@link #br} to it jumps past its {@link #end}. */
    FunctionCode block() {
        return open(BLOCK);
    }

    /** {@code loop}: a {@link #br} to it jumps back to its start. */
    FunctionCode loop() {
        return open(LOOP);
    }

    /** {@code if} on the i32 on the stack, without else. */
    FunctionCode ifTrue() {
        return open(IF);
    }

    FunctionCode end() {
        openBlocks--;
        code.write(END);
        return this;
    }

    FunctionCode br(int depth) {
        return withIndex(BR, depth);
    }

    FunctionCode brIf(int depth) {
        return withIndex(BR_IF, depth);
    }

    /**
     * {@code while (i < limit) { body; i += step }} with locals i and limit; the body may not branch out of it.
     * {@code step} is a constant.
     */
    FunctionCode whileLess(int i, int limit, int step, Runnable body) {
        block().loop();
        get(i).get(limit).op(Op.I32_GE_S).brIf(1);
        body.run();
        get(i).i32(step).op(Op.I32_ADD).set(i);
        br(0).end().end();
        return this;
    }

    /** i32.load8_u at the address on the stack plus {@code offset}. */
    FunctionCode loadByte(int offset) {
        return memory(I32_LOAD8_U, 0, offset);
    }

    /** i32.store8 of (address, value) on the stack, at address plus {@code offset}. */
    FunctionCode storeByte(int offset) {
        return memory(I32_STORE8, 0, offset);
    }

    FunctionCode load(int offset) {
        simdOpcode(V128_LOAD);
        return memarg(offset);
    }

    /** v128.load64_zero: eight bytes into the low half, zeros above. */
    FunctionCode load64Zero(int offset) {
        simdOpcode(V128_LOAD64_ZERO);
        return memarg(offset);
    }

    FunctionCode store(int offset) {
        simdOpcode(V128_STORE);
        return memarg(offset);
    }

    /** v128.storeN_lane of (address, vector) on the stack, N = 8 · 2^log2Bytes bits. */
    FunctionCode storeLane(int log2Bytes, int offset, int lane) {
        int[] opcodes = {V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE};
        simdOpcode(opcodes[log2Bytes]);
        memarg(offset);
        code.write(lane);
        return this;
    }

    /** i8x16.shuffle of the two vectors on the stack: result byte k = (a ‖ b)[lanes[k]]. */
    FunctionCode shuffle(int... lanes) {
        simdOpcode(I8X16_SHUFFLE);
        for (int lane : checkedLength(lanes, 16)) {
            if (lane < 0 || lane >= 32) {
                throw new IllegalArgumentException("shuffle lane " + lane + " is outside 0..31");
            }
            code.write(lane);
        }
        return this;
    }

    private FunctionCode open(int opcode) {
        openBlocks++;
        code.write(opcode);
        code.write(EMPTY_BLOCK_TYPE);
        return this;
    }

    private FunctionCode withIndex(int opcode, int index) {
        code.write(opcode);
        Leb128.writeUnsigned(code, index);
        return this;
    }

    private FunctionCode simdOpcode(int subOpcode) {
        code.write(SIMD_PREFIX);
        Leb128.writeUnsigned(code, subOpcode);
        return this;
    }

    private FunctionCode memory(int opcode, int alignLog2, int offset) {
        code.write(opcode);
        Leb128.writeUnsigned(code, alignLog2);
        Leb128.writeUnsigned(code, offset);
        return this;
    }

    /** memarg with alignment hint 1 byte: the kernels' addresses need not be aligned. */
    private FunctionCode memarg(int offset) {
        Leb128.writeUnsigned(code, 0);
        Leb128.writeUnsigned(code, offset);
        return this;
    }

    private static byte[] checkedLength(byte[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException("expected " + length + " bytes, got " + values.length);
        }
        return values;
    }

    private static int[] checkedLength(int[] values, int length) {
        if (values.length != length) {
            throw new IllegalArgumentException("expected " + length + " lanes, got " + values.length);
        }
        return values;
    }
}
