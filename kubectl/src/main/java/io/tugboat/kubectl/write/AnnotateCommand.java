package io.tugboat.kubectl.write;

import picocli.CommandLine.Command;

/** {@code tug annotate deploy/web note='hello' old-}: see {@link MetadataMapEdit}. */
@Command(name = "annotate", description = "Update the annotations on a resource.")
public final class AnnotateCommand extends MetadataMapEdit {
    @Override
    String field() {
        return "annotations";
    }

    @Override
    String pastTense() {
        return "annotated";
    }
}
