/*
 * JNI plumbing used by the SWIG-generated wrapper (see presence.i): turning a
 * failed pe_status into the Java exception of that status, and borrowing the
 * bytes of a Java byte[] for the length of one call.
 */
#ifndef PRESENCE_JAVA_JNI_SUPPORT_H
#define PRESENCE_JAVA_JNI_SUPPORT_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

#include "presence/presence.h"

/*
 * Fails a call of this binding's own C code (adapters.c) with `message`
 * (static storage), which pj_throw_status() then reports instead of
 * pe_last_error_message(). Returns `status`.
 */
pe_status pj_fail(pe_status status, const char* message);

/*
 * Throws the PresenceException subclass of `status`, carrying the message of
 * pj_fail() or else pe_last_error_message() of this thread. Does nothing if an exception is
 * already pending (an OutOfMemoryError from copying an argument, say), so that
 * the first failure is the one Java sees.
 */
void pj_throw_status(JNIEnv* env, pe_status status);

/*
 * Makes the bytes of `array` available to C until pj_return_bytes():
 * arrays up to `stack_size` bytes (every id) are copied into `stack`, larger
 * ones are copied by the JVM into `*heap`. A null array is "not given" and
 * becomes (NULL, 0). If the JVM cannot copy, an OutOfMemoryError is pending
 * and (NULL, length) is produced, which every pe_ function rejects without
 * side effects; the pending error is what the caller then sees.
 */
void pj_borrow_bytes(JNIEnv* env, jbyteArray array, char* stack, size_t stack_size, jbyte** heap,
                     const char** out_data, size_t* out_len);

/* Releases what pj_borrow_bytes() took from the JVM, if anything. */
void pj_return_bytes(JNIEnv* env, jbyteArray array, jbyte* heap);

/*
 * New Java arrays holding a copy of `len` values at `data` (which may be NULL
 * when `len` is 0). NULL with an OutOfMemoryError pending if the JVM cannot
 * allocate. Unsigned 32-bit values widen to long, so none turns negative.
 */
jlongArray pj_new_long_array(JNIEnv* env, const int64_t* data, size_t len);
jlongArray pj_new_long_array_u32(JNIEnv* env, const uint32_t* data, size_t len);
jdoubleArray pj_new_double_array(JNIEnv* env, const double* data, size_t len);

#endif /* PRESENCE_JAVA_JNI_SUPPORT_H */
