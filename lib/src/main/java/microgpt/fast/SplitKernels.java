package microgpt.fast;

/**
 * The matrix kernels of {@link Kernels}, each cut in two for the {@link Team}: a matrix product
 * and the gradient of its weights by rows, the gradient of its input by columns. Every output
 * element is still one sum in one order, so the cut changes nothing but the time.
 *
 * <p>The jobs hold the arguments of the call in progress, so an instance serves one thread at a
 * time (each model and each decoder has its own). Filling them in allocates nothing.
 */
final class SplitKernels {

    private final Team team;
    private final Matmul matmul = new Matmul();
    private final BackwardInput backwardInput = new BackwardInput();
    private final BackwardWeights backwardWeights = new BackwardWeights();

    SplitKernels(Team team) {
        this.team = team;
    }

    /** {@link Kernels#matmul}, the rows cut in two (at a multiple of 4, the kernel's block). */
    void matmul(double[] out, double[] x, double[] w, int off, int rows, int cols, int from, int to) {
        Matmul j = matmul;
        j.out = out;
        j.x = x;
        j.w = w;
        j.off = off;
        j.rows = rows;
        j.cols = cols;
        j.from = from;
        j.to = to;
        team.run(j, rows, (rows / 2) & ~3, (long) rows * cols * (to - from));
    }

    /** {@link Kernels#matmulBackwardInput}, the columns cut in two (at a multiple of 8, the kernel's block). */
    void matmulBackwardInput(double[] dx, double[] g, double[] w, int off, int rows, int cols, int[] runs, int from, int to) {
        BackwardInput j = backwardInput;
        j.dx = dx;
        j.g = g;
        j.w = w;
        j.off = off;
        j.rows = rows;
        j.cols = cols;
        j.runs = runs;
        j.from = from;
        j.to = to;
        team.run(j, cols, (cols / 2) & ~7, (long) rows * cols * (to - from));
    }

    /** {@link Kernels#matmulBackwardWeights}, the rows cut in two. */
    void matmulBackwardWeights(double[] dw, int off, double[] x, double[] g, int rows, int cols, int n) {
        BackwardWeights j = backwardWeights;
        j.dw = dw;
        j.off = off;
        j.x = x;
        j.g = g;
        j.rows = rows;
        j.cols = cols;
        j.n = n;
        team.run(j, rows, (long) rows * cols * n);
    }

    /** Runs any job of this thread's through the team. */
    void run(Team.Job job, int size, long work) {
        team.run(job, size, work);
    }

    private static final class Matmul extends Team.Job {
        double[] out;
        double[] x;
        double[] w;
        int off;
        int rows;
        int cols;
        int from;
        int to;

        @Override
        void run(int rowFrom, int rowTo) {
            Kernels.matmul(out, x, w, off, rows, cols, from, to, rowFrom, rowTo);
        }
    }

    private static final class BackwardInput extends Team.Job {
        double[] dx;
        double[] g;
        double[] w;
        int off;
        int rows;
        int cols;
        int[] runs;
        int from;
        int to;

        @Override
        void run(int colFrom, int colTo) {
            Kernels.matmulBackwardInput(dx, g, w, off, rows, cols, runs, from, to, colFrom, colTo);
        }
    }

    private static final class BackwardWeights extends Team.Job {
        double[] dw;
        int off;
        double[] x;
        double[] g;
        int rows;
        int cols;
        int n;

        @Override
        void run(int rowFrom, int rowTo) {
            Kernels.matmulBackwardWeights(dw, off, x, g, rows, cols, n, rowFrom, rowTo);
        }
    }
}
