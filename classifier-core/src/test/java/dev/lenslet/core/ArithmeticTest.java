package dev.lenslet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArithmeticTest {
    @Test
    void lowerCaseNamesChooseTheArithmetic() {
        assertEquals(Arithmetic.FLOAT, Arithmetic.named("float"));
        assertEquals(Arithmetic.INTEGER, Arithmetic.named("integer"));
    }

    @Test
    void anyOtherNameIsRefusedWithTheAcceptedOnes() {
        for (String name : new String[] {"FLOAT", "double", "", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arithmetic.named(name));
            assertEquals("the arithmetic must be 'float' or 'integer', not '" + name + "'", e.getMessage());
        }
    }
}
