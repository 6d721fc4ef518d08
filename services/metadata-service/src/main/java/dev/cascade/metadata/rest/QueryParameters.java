package dev.cascade.metadata.rest;

import java.util.Locale;

import jakarta.ws.rs.core.Response.Status;

/** Reads query parameters given as text, answering 400 naming the parameter when one is out of range. */
final class QueryParameters {

    static final int MAX_LIMIT = 500;

    private QueryParameters() {
    }

    static int number(String name, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw outOfRange(name, text, min, max);
        }
        if (value < min || value > max) {
            throw outOfRange(name, text, min, max);
        }
        return value;
    }

    static int limit(String text) {
        return number("limit", text, 1, MAX_LIMIT);
    }

    static int offset(String text) {
        return number("offset", text, 0, Integer.MAX_VALUE - MAX_LIMIT);
    }

    /** null when absent; true or false; 400 otherwise. */
    static Boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiError.of(Status.BAD_REQUEST, name + " must be true or false, got '" + text + "'");
        };
    }

    private static RuntimeException outOfRange(String name, String text, int min, int max) {
        return ApiError.of(Status.BAD_REQUEST, name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
