package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PythonTextTest {
    /** {@code [c for c in range(0x110000) if chr(c).isspace()]}, as Python 3.11 answers it. */
    private static final List<Integer> PYTHON_SPACES = List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85,
            0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000);

    @Test
    void spaceIsExactlyWhatPythonsIsspaceSays() {
        assertThat(IntStream.range(0, Character.MAX_CODE_POINT + 1).filter(PythonText::isSpace).boxed().toList())
                .isEqualTo(PYTHON_SPACES);
    }

    @Test
    void escapesAreDecodedLeftToRightWithoutOverlapAndOthersKept() {
        assertThat(PythonText.decodeEscapes("\\\\n \\n \\u00e9 \\", "\\'\"abfnrtv")).isEqualTo("\\n \n \\u00e9 \\");
    }
}
