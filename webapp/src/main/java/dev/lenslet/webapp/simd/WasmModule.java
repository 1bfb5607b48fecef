package dev.lenslet.webapp.simd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebAssembly module of functions over one imported memory, {@code env.memory}, in the binary format: the type,
 * import, function, export and code sections. The memory import declares min 1 page, no maximum and not shared, so
 * that it links to TeaVM's memory (min 33, max 32768) and to any unshared memory a page creates.
 */
final class WasmModule {
    private static final byte[] MAGIC_AND_VERSION = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    private static final int TYPE = 1, IMPORT = 2, FUNCTION = 3, EXPORT = 7, CODE = 10;
    private static final int FUNC_TYPE = 0x60, MEMORY_KIND = 0x02, FUNC_KIND = 0x00, LIMITS_MIN_ONLY = 0x00;

    private final List<FunctionCode> functions = new ArrayList<>();
    private final List<Boolean> exported = new ArrayList<>();

    /** Adds {@code function}; returns its index for {@code call}. Exported functions are exported by their name. */
    int add(FunctionCode function, boolean export) {
        functions.add(function);
        exported.add(export);
        return functions.size() - 1;
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC_AND_VERSION);

        // one type per function, in order: a few duplicate signatures cost a few bytes, not worth a lookup
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        Leb128.writeUnsigned(types, functions.size());
        for (FunctionCode f : functions) {
            types.write(FUNC_TYPE);
            Leb128.writeUnsigned(types, f.params.size());
            for (ValueType p : f.params) {
                types.write(p.code);
            }
            Leb128.writeUnsigned(types, 0);
        }
        section(out, TYPE, types);

        ByteArrayOutputStream imports = new ByteArrayOutputStream();
        Leb128.writeUnsigned(imports, 1);
        name(imports, "env");
        name(imports, "memory");
        imports.write(MEMORY_KIND);
        imports.write(LIMITS_MIN_ONLY);
        Leb128.writeUnsigned(imports, 1);
        section(out, IMPORT, imports);

        ByteArrayOutputStream declarations = new ByteArrayOutputStream();
        Leb128.writeUnsigned(declarations, functions.size());
        for (int i = 0; i < functions.size(); i++) {
            Leb128.writeUnsigned(declarations, i);
        }
        section(out, FUNCTION, declarations);

        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        Leb128.writeUnsigned(exports, exported.stream().filter(e -> e).count());
        for (int i = 0; i < functions.size(); i++) {
            if (exported.get(i)) {
                name(exports, functions.get(i).name);
                exports.write(FUNC_KIND);
                Leb128.writeUnsigned(exports, i);
            }
        }
        section(out, EXPORT, exports);

        ByteArrayOutputStream bodies = new ByteArrayOutputStream();
        Leb128.writeUnsigned(bodies, functions.size());
        for (FunctionCode f : functions) {
            byte[] body = f.body();
            Leb128.writeUnsigned(bodies, body.length);
            bodies.writeBytes(body);
        }
        section(out, CODE, bodies);
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, ByteArrayOutputStream content) {
        out.write(id);
        Leb128.writeUnsigned(out, content.size());
        out.writeBytes(content.toByteArray());
    }

    private static void name(ByteArrayOutputStream out, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        Leb128.writeUnsigned(out, utf8.length);
        out.writeBytes(utf8);
    }
}
