#pragma once

#include "core/Problem.h"

#include <optional>
#include <utility>
#include <variant>

namespace pb {

// A value or the Problem that prevented it. Every fallible call in every layer returns one.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Problem problem) : m_data(std::in_place_index<1>, std::move(problem)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T* operator->() const { return &std::get<0>(m_data); }
    T* operator->() { return &std::get<0>(m_data); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }

    const Problem& problem() const { return std::get<1>(m_data); }

private:
    std::variant<T, Problem> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Problem problem) : m_problem(std::move(problem)) {}

    bool ok() const { return !m_problem.has_value(); }
    explicit operator bool() const { return ok(); }
    const Problem& problem() const { return *m_problem; }

private:
    std::optional<Problem> m_problem;
};

using Status = Result<void>;

} // namespace pb
