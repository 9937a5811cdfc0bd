#include "core/feedback/Feedback.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/feedback/Cancelled.h"

namespace megatoken {

static_assert(std::atomic<bool>::is_always_lock_free, "cancel() must be safe in a signal handler");

Feedback::Feedback(Feedback& parent, double begin, double end)
    : parent_(&parent), root_(parent.root_), begin_(begin), end_(end)
{
    if (!(begin >= 0.0 && begin <= end && end <= 1.0))
        throw std::invalid_argument("Feedback sub-range [" + std::to_string(begin) + ", " + std::to_string(end) +
                                    "] is not inside [0, 1]");
}

void Feedback::cancel() noexcept
{
    root_->cancelled_.store(true, std::memory_order_release);
}

bool Feedback::isCancelled() const noexcept
{
    return root_->cancelled_.load(std::memory_order_acquire);
}

void Feedback::throwIfCancelled() const
{
    if (isCancelled()) throw Cancelled();
}

void Feedback::setProgress(double fraction)
{
    report(fraction, nullptr);
}

void Feedback::setMessage(const std::string& message)
{
    report(progress_.load(), &message);
}

void Feedback::setProgress(double fraction, const std::string& message)
{
    report(fraction, &message);
}

double Feedback::progress() const noexcept
{
    return progress_.load();
}

std::string Feedback::message() const
{
    std::lock_guard<std::mutex> lock(root_->mutex_);
    return root_->message_;
}

void Feedback::setListener(Listener listener)
{
    auto shared = listener ? std::make_shared<const Listener>(std::move(listener)) : nullptr;
    std::lock_guard<std::mutex> lock(root_->mutex_);
    root_->listener_ = std::move(shared);
    root_->heard_ = -1.0;
}

void Feedback::report(double fraction, const std::string* message)
{
    if (std::isnan(fraction)) {
        if (!message) return;
        fraction = progress_.load();
    }
    fraction = std::clamp(fraction, 0.0, 1.0);
    // The ends of any range are always heard, so a listener sees each phase start and finish.
    const bool end = fraction == 0.0 || fraction == 1.0;
    Feedback* feedback = this;
    for (;;) {
        feedback->progress_.store(fraction);
        if (!feedback->parent_) break;
        fraction = feedback->begin_ + fraction * (feedback->end_ - feedback->begin_);
        feedback = feedback->parent_;
    }
    feedback->publish(fraction, message, end);
}

void Feedback::publish(double fraction, const std::string* message, bool end)
{
    std::shared_ptr<const Listener> listener;
    std::string text;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const bool newMessage = message && *message != message_;
        if (newMessage) message_ = *message;
        const bool moved = std::abs(fraction - heard_) >= kListenerStep || (end && fraction != heard_);
        if (!listener_ || (!newMessage && !moved)) return;
        heard_ = fraction;
        listener = listener_;
        text = message_;
    }
    (*listener)(fraction, text);  // outside the lock: a listener may read progress() or message()
}

}  // namespace megatoken
