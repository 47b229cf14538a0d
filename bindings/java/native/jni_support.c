#include "jni_support.h"

#include <string.h>

/*
 * The Java side owns the table from status to exception class
 * (dev.presence.Status); C only knows one factory method, resolved once when
 * the library is loaded, so the table is written down in exactly one place.
 * The class is held weakly: a strong global reference would pin the class
 * loader that loaded this library, which could then never be unloaded.
 */
static jweak g_exception_class;
static jmethodID g_from_native;

/* Set by pj_fail() and consumed by the next pj_throw_status() on this thread. */
static _Thread_local const char* t_adapter_message;

pe_status pj_fail(pe_status status, const char* message) {
  t_adapter_message = message;
  return status;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void* reserved) {
  (void)reserved;
  JNIEnv* env = NULL;
  if ((*vm)->GetEnv(vm, (void**)&env, JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
  jclass local = (*env)->FindClass(env, "dev/presence/PresenceException");
  if (local == NULL) return JNI_ERR;
  g_from_native =
      (*env)->GetStaticMethodID(env, local, "fromNative", "(I[B)Ldev/presence/PresenceException;");
  g_exception_class = (*env)->NewWeakGlobalRef(env, local);
  (*env)->DeleteLocalRef(env, local);
  if (g_from_native == NULL || g_exception_class == NULL) return JNI_ERR;
  return JNI_VERSION_1_8;
}

JNIEXPORT void JNICALL JNI_OnUnload(JavaVM* vm, void* reserved) {
  (void)reserved;
  JNIEnv* env = NULL;
  if ((*vm)->GetEnv(vm, (void**)&env, JNI_VERSION_1_8) != JNI_OK) return;
  if (g_exception_class != NULL) (*env)->DeleteWeakGlobalRef(env, g_exception_class);
  g_exception_class = NULL;
  g_from_native = NULL;
}

void pj_throw_status(JNIEnv* env, pe_status status) {
  const char* message = t_adapter_message != NULL ? t_adapter_message : pe_last_error_message();
  t_adapter_message = NULL;
  if ((*env)->ExceptionCheck(env)) return;
  /* The message goes over as bytes: it is standard UTF-8 (it may quote an
   * id), which NewStringUTF would misread as modified UTF-8. */
  const jsize length = (jsize)strlen(message);
  /* The weak reference cannot be cleared while a native method of a class of
   * the same loader runs (as now); FindClass is the fallback all the same. */
  jclass factory = (jclass)(*env)->NewLocalRef(env, g_exception_class);
  if (factory == NULL) factory = (*env)->FindClass(env, "dev/presence/PresenceException");
  if (factory == NULL) return; /* NoClassDefFoundError pending */
  jbyteArray bytes = (*env)->NewByteArray(env, length);
  jobject error = NULL;
  if (bytes != NULL) { /* else OutOfMemoryError pending */
    (*env)->SetByteArrayRegion(env, bytes, 0, length, (const jbyte*)message);
    error = (*env)->CallStaticObjectMethod(env, factory, g_from_native, (jint)status, bytes);
    (*env)->DeleteLocalRef(env, bytes);
  }
  (*env)->DeleteLocalRef(env, factory);
  if (error == NULL || (*env)->ExceptionCheck(env)) return;
  (*env)->Throw(env, (jthrowable)error);
  (*env)->DeleteLocalRef(env, error);
}

void pj_borrow_bytes(JNIEnv* env, jbyteArray array, char* stack, size_t stack_size, jbyte** heap,
                     const char** out_data, size_t* out_len) {
  *heap = NULL;
  if (array == NULL) {
    *out_data = NULL;
    *out_len = 0;
    return;
  }
  const jsize length = (*env)->GetArrayLength(env, array);
  *out_len = (size_t)length;
  if ((size_t)length <= stack_size) {
    (*env)->GetByteArrayRegion(env, array, 0, length, (jbyte*)stack);
    *out_data = stack;
    return;
  }
  *heap = (*env)->GetByteArrayElements(env, array, NULL);
  *out_data = (const char*)*heap;
}

void pj_return_bytes(JNIEnv* env, jbyteArray array, jbyte* heap) {
  if (heap != NULL) (*env)->ReleaseByteArrayElements(env, array, heap, JNI_ABORT);
}

jlongArray pj_new_long_array(JNIEnv* env, const int64_t* data, size_t len) {
  jlongArray array = (*env)->NewLongArray(env, (jsize)len);
  if (array != NULL && len > 0) {
    /* jlong and int64_t are both exactly 64 bits wide and signed. */
    (*env)->SetLongArrayRegion(env, array, 0, (jsize)len, (const jlong*)data);
  }
  return array;
}

jlongArray pj_new_long_array_u32(JNIEnv* env, const uint32_t* data, size_t len) {
  jlongArray array = (*env)->NewLongArray(env, (jsize)len);
  if (array == NULL) return NULL;
  /* Widened in chunks through the stack: one JNI call per chunk, no allocation. */
  jlong chunk[256];
  for (size_t start = 0; start < len; start += 256) {
    const size_t count = len - start < 256 ? len - start : 256;
    for (size_t i = 0; i < count; ++i) chunk[i] = (jlong)data[start + i];
    (*env)->SetLongArrayRegion(env, array, (jsize)start, (jsize)count, chunk);
  }
  return array;
}

jdoubleArray pj_new_double_array(JNIEnv* env, const double* data, size_t len) {
  jdoubleArray array = (*env)->NewDoubleArray(env, (jsize)len);
  if (array != NULL && len > 0) {
    (*env)->SetDoubleArrayRegion(env, array, 0, (jsize)len, (const jdouble*)data);
  }
  return array;
}
