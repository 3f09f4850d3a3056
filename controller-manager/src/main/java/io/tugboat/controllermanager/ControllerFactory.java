package io.tugboat.controllermanager;

/**
 * Builds one controller from the shared context: asks the informer factory for the informers it reads,
 * registers its handlers and returns the loop, not yet started. Adding a controller to the manager is one
 * line in {@link Controllers#builtIn()}: a name and a factory.
 */
@FunctionalInterface
public interface ControllerFactory {

    Controller create(ControllerContext context);
}
