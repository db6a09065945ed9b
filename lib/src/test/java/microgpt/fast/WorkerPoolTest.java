package microgpt.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The pool runs every task exactly once, numbers its workers below min(threads, tasks), and rethrows a task's failure. */
class WorkerPoolTest {

    @Test
    void everyTaskRunsOnceInEveryRound() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            Workers workers = Workers.pool(threads);
            assertEquals(threads, workers.threads());
            for (int round = 0; round < 2000; round++) {
                int tasks = round % 11;
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                int[] workerOf = new int[Math.max(tasks, 1)];
                workers.run(tasks, (worker, task) -> {
                    runs.incrementAndGet(task);
                    workerOf[task] = worker;
                });
                for (int t = 0; t < tasks; t++) {
                    assertEquals(1, runs.get(t), "task " + t + " of " + tasks + " on " + threads + " threads");
                    assertTrue(workerOf[t] < Math.min(threads, tasks), "worker " + workerOf[t]);
                }
            }
        }
    }

    @Test
    void aTaskThatFailsFailsTheCallAfterTheOthersAreDone() {
        Workers workers = Workers.pool(3);
        IllegalArgumentException thrown = new IllegalArgumentException("task 5 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(9);
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, () -> workers.run(9, (worker, task) -> {
            runs.incrementAndGet(task);
            if (task == 5) {
                throw thrown;
            }
        }));
        assertSame(thrown, caught);
        for (int t = 0; t < 9; t++) {
            assertEquals(1, runs.get(t), "task " + t);
        }
        int[] after = new int[1];
        workers.run(4, (worker, task) -> {
            synchronized (after) {
                after[0]++;
            }
        });
        assertEquals(4, after[0], "the pool still works");
    }
}
