package microgpt.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import microgpt.InvalidInputException;
import microgpt.autograd.GradientCheck;
import microgpt.autograd.GradientCheckReport;
import microgpt.autograd.Value;
import microgpt.random.PythonRandom;

/** Gradient checks of a whole GPT's loss on one document, for chosen weights of the model. */
public final class ModelGradientCheck {

    private ModelGradientCheck() {}

    /**
     * Checks the named weights, each written as {@code matrix[row][col]}, e.g. {@code "wte[3][5]"}
     * or {@code "layer0.attn_wq[0][1]"}.
     */
    public static GradientCheckReport check(Gpt model, int[] tokens, Iterable<String> weights, double step, double tolerance) {
        Map<String, Value> inputs = new LinkedHashMap<>();
        for (String name : weights) {
            inputs.put(name, weight(model, name));
        }
        return GradientCheck.check(() -> model.loss(tokens), inputs, model.parameters(), step, tolerance);
    }

    /** The smallest gradient {@link #checkSample} picks: finite differences resolve it to about 1e-7. */
    public static final double RESOLVABLE_GRADIENT = 1e-4;

    /**
     * Checks {@code perMatrix} weights drawn at random from every matrix. Only rows the document
     * uses are drawn (a token's embedding row, a position's row), and a weight whose gradient is
     * below {@link #RESOLVABLE_GRADIENT} is drawn again (up to 100 times, then the largest drawn
     * is kept): on a loss near 3, double precision cannot resolve a finite difference much below
     * 1e-11, which would be more than 1e-6 of a smaller gradient.
     */
    public static GradientCheckReport checkSample(Gpt model, int[] tokens, int perMatrix, PythonRandom rng,
                                                  double step, double tolerance) {
        if (perMatrix <= 0) {
            throw new InvalidInputException("the number of weights to check per matrix must be positive, got " + perMatrix);
        }
        int positions = model.positions(tokens);
        Value.zeroGrad(model.parameters());
        model.loss(tokens).backward();
        Map<String, Value> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, Value[][]> matrix : model.stateDict().entrySet()) {
            Value[][] w = matrix.getValue();
            for (int k = 0; k < perMatrix; k++) {
                String bestName = null;
                Value best = null;
                for (int attempt = 0; attempt < 100; attempt++) {
                    int row = switch (matrix.getKey()) {
                        case "wte" -> tokens[rng.randbelow(positions)];
                        case "wpe" -> rng.randbelow(positions);
                        default -> rng.randbelow(w.length);
                    };
                    int col = rng.randbelow(w[row].length);
                    String name = matrix.getKey() + "[" + row + "][" + col + "]";
                    if (!inputs.containsKey(name) && (best == null || Math.abs(w[row][col].grad) > Math.abs(best.grad))) {
                        best = w[row][col];
                        bestName = name;
                    }
                    if (best != null && Math.abs(best.grad) >= RESOLVABLE_GRADIENT) {
                        break;
                    }
                }
                if (best != null) {
                    inputs.put(bestName, best);
                }
            }
        }
        return GradientCheck.check(() -> model.loss(tokens), inputs, model.parameters(), step, tolerance);
    }

    /** One weight by name, {@code matrix[row][col]}. */
    public static Value weight(Gpt model, String name) {
        int open = name.indexOf('[');
        try {
            String[] index = name.substring(open + 1, name.length() - 1).split("\\]\\[");
            Value[][] matrix = model.matrix(name.substring(0, open));
            return matrix[Integer.parseInt(index[0])][Integer.parseInt(index[1])];
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException("cannot find weight '" + name + "'; write it as matrix[row][col], e.g. wte[3][5], with indices inside the matrix");
        }
    }
}
