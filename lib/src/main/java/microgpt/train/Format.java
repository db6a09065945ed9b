package microgpt.train;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting that matches Python's f-strings digit for digit: the progress lines and the command line print with it. */
public final class Format {

    private Format() {}

    /**
     * {@code x} with {@code decimals} digits after the point, rounded from its exact binary value
     * half-to-even, as Python's {@code f"{x:.4f}"} does ({@code String.format} can differ in the last digit).
     */
    public static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
