package io.tugboat.kubectl.write;

import picocli.CommandLine.Command;

/** {@code tug label pods web-1 tier=front app-}: see {@link MetadataMapEdit}. */
@Command(name = "label", description = "Update the labels on a resource.")
public final class LabelCommand extends MetadataMapEdit {
    @Override
    String field() {
        return "labels";
    }

    @Override
    String pastTense() {
        return "labeled";
    }
}
