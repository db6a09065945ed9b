package microgpt.cli;

import java.util.concurrent.Callable;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sample}: new documents from a saved model. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write new documents with a model saved by 'train --save'.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    SavedModel model;

    @Option(names = "--count", paramLabel = "N", description = "how many samples (default: ${DEFAULT-VALUE})")
    int count = 20;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature, > 0 (default: ${DEFAULT-VALUE})")
    double temperature = 0.5;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the sampling generator (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Override
    public Integer call() {
        Sampler.checkCount(count);
        Sampler.checkTemperature(temperature);
        LanguageModel loaded = model.load();
        Sampler sampler = new Sampler(loaded, model.tokenizer(), new PythonRandom(seed));
        for (int i = 0; i < count; i++) { // one at a time, printed at once: any count, in constant memory
            Output.println(System.out, String.format("sample %2d: %s", i + 1, sampler.sample(temperature)));
        }
        return 0;
    }
}
