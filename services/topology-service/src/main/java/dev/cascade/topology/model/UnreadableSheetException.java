package dev.cascade.topology.model;

import dev.cascade.topology.model.TopologyProblem.Code;

/** A file that cannot be read as a sheet at all; becomes the import's single problem. */
final class UnreadableSheetException extends Exception {

    private final Code code;

    UnreadableSheetException(Code code, String message) {
        super(message);
        this.code = code;
    }

    TopologyProblem problem() {
        return new TopologyProblem(null, null, java.util.List.of(), getMessage(), code);
    }
}
