/**
 * @file message_lines.h
 * @brief A decoded protobuf-c message written out as "path = value" lines,
 *        by walking its descriptors: the form of ../../Tests/Vectors/frames.txt,
 *        so test_vectors can compare a decoded frame with the table line by line.
 */
#ifndef HACKCLIENT_TESTS_MESSAGE_LINES_H
#define HACKCLIENT_TESTS_MESSAGE_LINES_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>

#define MESSAGE_LINES_MAX 64
#define MESSAGE_LINE_SIZE 512

/** Lines written from a message, in field order. */
typedef struct message_lines {
    char items[MESSAGE_LINES_MAX][MESSAGE_LINE_SIZE];
    size_t count;
} message_lines;

/**
 * The message a bytes field holds, by the field's path ("payload"), or NULL
 * for plain bytes: frames.txt's "path : message" lines answer it.
 */
typedef const char *(*message_lines_bytes_type)(const char *path, const void *context);

/**
 * Appends a line for every field of @p m that differs from its default, under
 * @p prefix ("" at the top): "a.b = 7", "metadata.KEY = VALUE" for a
 * map<string, string>, "list[0].x = 1" for a repeated field, enum values by
 * name. A bytes field that @p bytes_type names a message for gets
 * "path : message", then that message's lines under "path"; if it does not
 * decode, or does not encode back to the same bytes, a line saying so.
 */
void message_lines_write(const ProtobufCMessage *m, const char *prefix, message_lines_bytes_type bytes_type,
                         const void *context, message_lines *out);

/** The descriptor of a message named like "hack.v1.Hello": a frame body, or a
 *  request or response of a method in hack_methods[]; NULL if none. */
const ProtobufCMessageDescriptor *message_lines_descriptor(const char *name);

#endif /* HACKCLIENT_TESTS_MESSAGE_LINES_H */
