// Linked into the test executables of the tsan preset only (see marginalia_add_test).
//
// A QtConcurrent::run task is built on the thread that starts it and run on a pool thread: Qt hands it over
// through the pool's queue under a QMutex. Qt is not built with ThreadSanitizer, so TSan sees neither that lock
// nor any other order between the two threads, and reports the pool thread reading the task's captured values
// as a race with the starting thread that wrote them. A suppression cannot single those reports out: the pool
// side is our own task code and the writes are lost from TSan's history as often as not.
//
// Instead this tells TSan about the handoff, at the two exported Qt calls around it that our code makes (so they
// go through the PLT and this executable's definitions come first): the starting thread calls
// QFutureInterfaceBase::setRunnable once the task is built, the pool thread calls isCanceled before it touches
// the task. Both act on the task's own QFutureInterface, which gives the pair one address. Nothing else about
// the threads is assumed, so a race inside a task's code is still reported.
#include <QFutureInterfaceBase>

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

namespace {
template <class Fn>
Fn qtCoreFunction(const char *mangledName)
{
    void *fn = dlsym(RTLD_NEXT, mangledName);
    if (!fn)
        qFatal("tsan preset: %s not found in QtCore; update tests/sanitizers/QtPoolHandoff.cpp", mangledName);
    return reinterpret_cast<Fn>(fn);
}
} // namespace

void QFutureInterfaceBase::setRunnable(QRunnable *runnable)
{
    using Fn = void (*)(QFutureInterfaceBase *, QRunnable *);
    static const Fn real = qtCoreFunction<Fn>("_ZN20QFutureInterfaceBase11setRunnableEP9QRunnable");
    __tsan_release(this);
    real(this, runnable);
}

bool QFutureInterfaceBase::isCanceled() const
{
    using Fn = bool (*)(const QFutureInterfaceBase *);
    static const Fn real = qtCoreFunction<Fn>("_ZNK20QFutureInterfaceBase10isCanceledEv");
    __tsan_acquire(const_cast<QFutureInterfaceBase *>(this));
    return real(this);
}
