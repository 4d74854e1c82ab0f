#include "ml/TensorPickle.h"

#include <memory>
#include <vector>

namespace marginalia::ml {

namespace {

// A value on the pickle's stack; only what a tensor's description needs is kept apart from "something".
struct Value
{
    enum Kind { Mark, Int, Text, Global, Tuple, Storage, Other };
    Kind kind = Other;
    qint64 number = 0;
    QByteArray text;                                  // Text; Global as "module name"
    std::shared_ptr<const std::vector<Value>> items;  // Tuple; Storage: its persistent id's fields
    const Value &at(std::size_t i) const { return (*items)[i]; }
    std::size_t count() const { return items ? items->size() : 0; }
};

Value tupleOf(std::vector<Value> items)
{
    Value v;
    v.kind = Value::Tuple;
    v.items = std::make_shared<const std::vector<Value>>(std::move(items));
    return v;
}

class Reader
{
public:
    explicit Reader(const QByteArray &pickle) : m_in(pickle) {}

    std::optional<TensorPickle> read()
    {
        while (m_at < m_in.size()) {
            const char op = m_in[m_at++];
            if (op == '.') // STOP, which must end the bytes
                return m_at == m_in.size() && m_stack.size() == 1 ? std::optional<TensorPickle>(m_out) : std::nullopt;
            if (!step(op))
                return std::nullopt;
        }
        return std::nullopt;
    }

private:
    bool take(qint64 n, QByteArray &bytes)
    {
        if (n < 0 || n > m_in.size() - m_at)
            return false;
        bytes = m_in.mid(m_at, n);
        m_at += n;
        return true;
    }
    bool unsignedLe(int n, qint64 &value)
    {
        QByteArray b;
        if (!take(n, b))
            return false;
        quint64 v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | static_cast<unsigned char>(b[i]);
        value = static_cast<qint64>(v);
        return true;
    }
    bool line(QByteArray &text)
    {
        const qint64 end = m_in.indexOf('\n', m_at);
        if (end < 0 || end - m_at > 256)
            return false;
        take(end - m_at, text);
        ++m_at;
        return true;
    }
    bool pop(Value &v)
    {
        if (m_stack.empty() || m_stack.back().kind == Value::Mark)
            return false;
        v = std::move(m_stack.back());
        m_stack.pop_back();
        return true;
    }
    // The values above the topmost mark, which is removed too.
    bool popToMark(std::vector<Value> &items)
    {
        for (std::size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].kind != Value::Mark)
                continue;
            items.assign(std::make_move_iterator(m_stack.begin() + static_cast<long>(i) + 1),
                         std::make_move_iterator(m_stack.end()));
            m_stack.resize(i);
            return true;
        }
        return false;
    }
    bool pushInt(qint64 n)
    {
        m_out.skeleton += 'I';
        Value v;
        v.kind = Value::Int;
        v.number = n;
        m_stack.push_back(std::move(v));
        return true;
    }
    bool put(qint64 id)
    {
        // torch numbers its memo entries in order; an index past the next one is not what it writes.
        if (m_stack.empty() || id > static_cast<qint64>(m_memo.size()))
            return false;
        if (id == static_cast<qint64>(m_memo.size()))
            m_memo.push_back(m_stack.back());
        else
            m_memo[static_cast<std::size_t>(id)] = m_stack.back();
        return true;
    }
    bool get(qint64 id)
    {
        if (id >= static_cast<qint64>(m_memo.size()))
            return false;
        m_stack.push_back(m_memo[static_cast<std::size_t>(id)]);
        return true;
    }
    bool reduce()
    {
        Value args, callable;
        if (!pop(args) || !pop(callable))
            return false;
        if (callable.kind == Value::Global && callable.text == "torch._utils _rebuild_tensor_v2" && !rebuildTensor(args))
            return false;
        m_stack.push_back(Value{});
        return true;
    }
    // (storage, offset, sizes, strides, requires_grad, hooks) with storage the persistent id
    // ("storage", type, key, location, numel).
    bool rebuildTensor(const Value &args)
    {
        if (args.kind != Value::Tuple || args.count() < 4 || args.at(0).kind != Value::Storage
            || args.at(1).kind != Value::Int || args.at(2).kind != Value::Tuple || args.at(3).kind != Value::Tuple)
            return false;
        const Value &id = args.at(0);
        if (id.count() != 5 || id.at(0).kind != Value::Text || id.at(0).text != "storage" || id.at(1).kind != Value::Global
            || id.at(2).kind != Value::Text || id.at(4).kind != Value::Int)
            return false;
        PickledTensor t;
        t.storageType = id.at(1).text;
        t.key = id.at(2).text;
        t.storageNumel = id.at(4).number;
        t.offset = args.at(1).number;
        if (!ints(args.at(2), t.sizes) || !ints(args.at(3), t.strides))
            return false;
        m_out.tensors.append(t);
        return true;
    }
    static bool ints(const Value &tuple, QVector<qint64> &out)
    {
        for (std::size_t i = 0; i < tuple.count(); ++i) {
            if (tuple.at(i).kind != Value::Int)
                return false;
            out.append(tuple.at(i).number);
        }
        return true;
    }

    bool step(char op)
    {
        const qint64 opAt = m_at - 1;
        qint64 n = 0;
        QByteArray a, b;
        std::vector<Value> items;
        Value v, w;
        bool done = false;
        switch (op) {
        case 'K': return unsignedLe(1, n) && pushInt(n); // BININT1
        case 'M': return unsignedLe(2, n) && pushInt(n); // BININT2
        case 'J': return unsignedLe(4, n) && pushInt(static_cast<qint32>(n)); // BININT, signed
        case '\x8a': // LONG1: a little-endian two's complement of up to 8 bytes
            if (!unsignedLe(1, n) || n > 8 || !take(n, a))
                return false;
            for (int i = static_cast<int>(n) - 1; i >= 0; --i)
                v.number = (v.number << 8) | static_cast<unsigned char>(a[i]);
            if (n > 0 && n < 8 && (static_cast<unsigned char>(a[n - 1]) & 0x80))
                v.number -= qint64(1) << (8 * n);
            return pushInt(v.number);
        case '\x80': done = take(1, a); break; // PROTO
        case 'c': // GLOBAL module\nname\n
            done = line(a) && line(b);
            v.kind = Value::Global;
            v.text = a + ' ' + b;
            m_stack.push_back(v);
            break;
        case 'X': // BINUNICODE
            done = unsignedLe(4, n) && take(n, a);
            v.kind = Value::Text;
            v.text = a;
            m_stack.push_back(v);
            break;
        case 'q': done = unsignedLe(1, n) && put(n); break;  // BINPUT
        case 'r': done = unsignedLe(4, n) && put(n); break;  // LONG_BINPUT
        case 'h': done = unsignedLe(1, n) && get(n); break;  // BINGET
        case 'j': done = unsignedLe(4, n) && get(n); break;  // LONG_BINGET
        case '(': // MARK
            v.kind = Value::Mark;
            m_stack.push_back(v);
            done = true;
            break;
        case 't': // TUPLE
            done = popToMark(items);
            m_stack.push_back(tupleOf(std::move(items)));
            break;
        case ')': m_stack.push_back(tupleOf({})); done = true; break; // EMPTY_TUPLE
        case '\x85': case '\x86': case '\x87': // TUPLE1..3
            items.resize(static_cast<std::size_t>(op - '\x84'));
            done = true;
            for (std::size_t i = items.size(); i-- > 0 && done;)
                done = pop(items[i]);
            m_stack.push_back(tupleOf(std::move(items)));
            break;
        case '\x88': case '\x89': case 'N': case '}': case ']': // NEWTRUE, NEWFALSE, NONE, EMPTY_DICT, EMPTY_LIST
            m_stack.push_back(Value{});
            done = true;
            break;
        case 'G': done = take(8, a); m_stack.push_back(Value{}); break; // BINFLOAT
        case 'u': case 'e': done = popToMark(items) && !m_stack.empty(); break; // SETITEMS, APPENDS
        case 's': done = pop(v) && pop(w) && !m_stack.empty(); break;        // SETITEM
        case 'a': case 'b': done = pop(v) && !m_stack.empty(); break;        // APPEND, BUILD
        case 'R': done = reduce(); break;                                    // REDUCE
        case '\x81': done = pop(v) && pop(w); m_stack.push_back(Value{}); break; // NEWOBJ
        case 'Q': // BINPERSID
            done = pop(v) && v.kind == Value::Tuple;
            v.kind = Value::Storage;
            m_stack.push_back(v);
            break;
        default:
            return false;
        }
        m_out.skeleton += m_in.mid(opAt, m_at - opAt);
        return done;
    }

    const QByteArray &m_in;
    qint64 m_at = 0;
    std::vector<Value> m_stack;
    std::vector<Value> m_memo;
    TensorPickle m_out;
};

} // namespace

std::optional<TensorPickle> readTensorPickle(const QByteArray &pickle)
{
    return Reader(pickle).read();
}

int storageElementSize(const QByteArray &storageType)
{
    static const std::pair<const char *, int> sizes[] = {
        {"torch FloatStorage", 4}, {"torch DoubleStorage", 8}, {"torch HalfStorage", 2},  {"torch BFloat16Storage", 2},
        {"torch LongStorage", 8},  {"torch IntStorage", 4},    {"torch ShortStorage", 2}, {"torch CharStorage", 1},
        {"torch ByteStorage", 1},  {"torch BoolStorage", 1}};
    for (const auto &[name, size] : sizes)
        if (storageType == name)
            return size;
    return 0;
}

} // namespace marginalia::ml
