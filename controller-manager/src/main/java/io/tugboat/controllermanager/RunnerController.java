package io.tugboat.controllermanager;

import io.tugboat.client.controller.ControllerRunner;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** A {@link Controller} made of one or more {@link ControllerRunner}s, started in order and stopped in reverse. */
public final class RunnerController implements Controller {
    private final List<ControllerRunner> runners;

    public RunnerController(ControllerRunner... runners) {
        this.runners = List.of(runners);
    }

    @Override
    public void start() throws InterruptedException, TimeoutException {
        for (ControllerRunner runner : runners) {
            runner.start();
        }
    }

    @Override
    public void stop() {
        for (int i = runners.size() - 1; i >= 0; i--) {
            runners.get(i).stop();
        }
    }
}
