// tests/audio_e2e/audio_check.cpp: checks rendered audio as a listener's tools would, from the signal only.
//   audio_check onsets PLAN.json AUDIO [OFFSET_SECONDS]: every planned cue's onset within 1 ms of its time
//   audio_check peak AUDIO: no sample at full scale
//   audio_check steps AUDIO MAX: no sample-to-sample change over MAX (glide continuity)
//   audio_check gaps AUDIO SECONDS: prints how many silences of SECONDS or more lie between sounds
//   audio_check sides AUDIO: left channel pitched lower than right (partner a, b)
//   audio_check same LIVE.raw OFFLINE.wav: the live stream equals the offline render, shifted
//   audio_check start LIVE.raw OFFLINE.wav SECONDS: the first SECONDS from the first sound are equal
// AUDIO is a 16-bit stereo WAV, or raw S16 stereo at 48 kHz when it ends in ".raw". Exit 0 when it holds.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

namespace {

struct Audio {
  int rate = 48000;
  std::vector<float> left, right;
};

std::uint32_t U32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::string ReadFile(const std::string& path) {
  std::string bytes;
  if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) bytes.append(buffer, n);
    std::fclose(file);
  }
  return bytes;
}

bool ReadAudio(const std::string& path, Audio* audio) {
  const std::string bytes = ReadFile(path);
  std::size_t data = 0, size = bytes.size();
  if (path.size() < 4 || path.substr(path.size() - 4) != ".raw") {
    if (bytes.size() < 44 || bytes.compare(0, 4, "RIFF") != 0) return false;
    audio->rate = static_cast<int>(U32(bytes, 24));
    for (std::size_t at = 12; at + 8 <= bytes.size();) {
      const std::uint32_t chunk = U32(bytes, at + 4);
      if (bytes.compare(at, 4, "data") == 0) {
        data = at + 8;
        size = std::min<std::size_t>(chunk, bytes.size() - data);
        break;
      }
      at += 8 + chunk;
    }
    if (data == 0) return false;
  }
  for (std::size_t at = data; at + 4 <= data + size; at += 4) {
    auto sample = [&](std::size_t i) {
      const auto v = static_cast<std::int16_t>(static_cast<std::uint16_t>(
          static_cast<unsigned char>(bytes[i]) | static_cast<unsigned char>(bytes[i + 1]) << 8));
      return static_cast<float>(v) / 32768.0f;
    };
    audio->left.push_back(sample(at));
    audio->right.push_back(sample(at + 2));
  }
  return true;
}

std::vector<double> PlanCueTimes(const std::string& path) {
  const std::string json = ReadFile(path);
  const auto cues = json.find("\"cues\"");
  std::vector<double> times;
  if (cues == std::string::npos) return times;
  const std::regex cue(R"re("time":\s*([0-9.]+)\s*,\s*"sound":\s*"([a-z]+)")re");
  for (auto it = std::sregex_iterator(json.begin() + static_cast<std::ptrdiff_t>(cues), json.end(), cue);
       it != std::sregex_iterator(); ++it) {
    if ((*it)[2] != "none") times.push_back(std::stod((*it)[1]));
  }
  return times;
}

// The first sample near `expected` (from 1.5 ms before to 20 ms after) where the signal departs from its
// own past: a linear predictor (order 64, least squares over the 50 ms before) continues any ringing tail
// of earlier sounds; the onset is where the signal leaves that continuation by 12 x the fit's own error
// (at least 24 LSB).
long Onset(const std::vector<float>& x, long expected, int rate) {
  const int order = 64;
  const long search_from = expected - 3 * rate / 2000;  // 1.5 ms early
  const long search_to = expected + rate / 50;          // 20 ms late
  const long fit_from = std::max<long>(order, search_from - rate / 20);
  // Least squares (covariance method): the predictor that best continues the 50 ms before the window.
  const auto p = static_cast<std::size_t>(order);
  std::vector<double> m(p * (p + 1), 0.0);  // [phi | c], row-major, p rows of p + 1
  for (long n = fit_from; n < search_from; ++n) {
    const auto un = static_cast<std::size_t>(n);
    for (std::size_t i = 0; i < p; ++i) {
      const double xi = x[un - i - 1];
      for (std::size_t j = 0; j < p; ++j) m[i * (p + 1) + j] += xi * x[un - j - 1];
      m[i * (p + 1) + p] += xi * x[un];
    }
  }
  double trace = 0.0;
  for (std::size_t i = 0; i < p; ++i) trace += m[i * (p + 1) + i];
  std::vector<double> a(p + 1, 0.0);  // a[k] for k = 1..p
  if (trace > 1e-12) {
    for (std::size_t i = 0; i < p; ++i) m[i * (p + 1) + i] += 1e-10 * trace;
    for (std::size_t col = 0; col < p; ++col) {
      std::size_t pivot = col;
      for (std::size_t r = col + 1; r < p; ++r) {
        if (std::abs(m[r * (p + 1) + col]) > std::abs(m[pivot * (p + 1) + col])) pivot = r;
      }
      for (std::size_t j = 0; j <= p; ++j) std::swap(m[col * (p + 1) + j], m[pivot * (p + 1) + j]);
      for (std::size_t r = 0; r < p; ++r) {
        if (r == col) continue;
        const double f = m[r * (p + 1) + col] / m[col * (p + 1) + col];
        for (std::size_t j = col; j <= p; ++j) m[r * (p + 1) + j] -= f * m[col * (p + 1) + j];
      }
    }
    for (std::size_t i = 0; i < p; ++i) a[i + 1] = m[i * (p + 1) + p] / m[i * (p + 1) + i];
  }
  // In-sample prediction error on the fit window: the noise floor of the model.
  double noise = 0.0;
  for (long n = fit_from; n < search_from; ++n) {
    double prediction = 0.0;
    for (int k = 1; k <= order; ++k)
      prediction += a[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(n - k)];
    noise = std::max(noise, std::abs(x[static_cast<std::size_t>(n)] - prediction));
  }
  // From the search window on, the tail is extrapolated from its own predictions (it runs freely, so a
  // new strike at the same pitches still stands out), and compared with the signal.
  const long end = std::min<long>(search_to, static_cast<long>(x.size()));
  std::vector<double> tail(static_cast<std::size_t>(std::max<long>(0, end - search_from + order)));
  for (int k = 0; k < order; ++k)
    tail[static_cast<std::size_t>(k)] = x[static_cast<std::size_t>(search_from - order + k)];
  const double threshold = std::max(12.0 * noise, 24.0 / 32768.0);
  for (long n = search_from; n < end; ++n) {
    const auto i = static_cast<std::size_t>(n - search_from + order);
    double prediction = 0.0;
    for (int k = 1; k <= order; ++k)
      prediction += a[static_cast<std::size_t>(k)] * tail[i - static_cast<std::size_t>(k)];
    tail[i] = prediction;
    if (std::abs(x[static_cast<std::size_t>(n)] - prediction) > threshold) return n;
  }
  return -1;
}

int Onsets(const std::string& plan, const std::string& path, double offset_seconds) {
  Audio audio;
  if (!ReadAudio(path, &audio)) return std::fprintf(stderr, "cannot read %s\n", path.c_str()), 2;
  std::vector<float> mono(audio.left.size());
  for (std::size_t i = 0; i < mono.size(); ++i) mono[i] = audio.left[i] + audio.right[i];
  const std::vector<double> times = PlanCueTimes(plan);
  if (times.empty()) return std::fprintf(stderr, "no cues in %s\n", plan.c_str()), 1;
  double worst = 0.0;
  int bad = 0;
  long previous = -1;
  for (double t : times) {
    const long expected = std::lround((t + offset_seconds) * audio.rate);
    if (expected == previous) continue;  // two cues at one instant sound as one onset
    previous = expected;
    const long onset = Onset(mono, expected, audio.rate);
    const double error_ms = onset < 0 ? 1e9 : 1000.0 * static_cast<double>(onset - expected) / audio.rate;
    worst = std::max(worst, std::abs(error_ms));
    if (std::abs(error_ms) > 1.0) {
      ++bad;
      std::fprintf(stderr, "cue at %.6f s: onset %s (%.3f ms off)\n", t,
                   onset < 0 ? "not found" : "misplaced", error_ms);
    }
  }
  std::printf("%zu cues, worst onset error %.3f ms\n", times.size(), worst);
  return bad == 0 ? 0 : 1;
}

int Peak(const std::string& path) {
  Audio audio;
  if (!ReadAudio(path, &audio)) return 2;
  float peak = 0.0f;
  for (float s : audio.left) peak = std::max(peak, std::abs(s));
  for (float s : audio.right) peak = std::max(peak, std::abs(s));
  std::printf("peak %.4f (%.2f dBFS)\n", peak, 20.0 * std::log10(std::max(peak, 1e-9f)));
  return peak < 32767.0f / 32768.0f ? 0 : 1;
}

int Steps(const std::string& path, double limit) {
  Audio audio;
  if (!ReadAudio(path, &audio)) return 2;
  double worst = 0.0;
  std::size_t at = 0;
  for (const auto* channel : {&audio.left, &audio.right}) {
    for (std::size_t i = 1; i < channel->size(); ++i) {
      const double step = std::abs((*channel)[i] - (*channel)[i - 1]);
      if (step > worst) worst = step, at = i;
    }
  }
  std::printf("largest sample-to-sample step %.5f at %.6f s (limit %.5f)\n", worst,
              static_cast<double>(at) / audio.rate, limit);
  return worst <= limit ? 0 : 1;
}

int Gaps(const std::string& path, double seconds) {
  Audio audio;
  if (!ReadAudio(path, &audio)) return 2;
  const auto least = static_cast<std::size_t>(seconds * audio.rate);
  int gaps = 0;
  bool sounded = false;
  float peak = 0.0f;
  std::size_t quiet = 0;
  for (std::size_t i = 0; i < audio.left.size(); ++i) {
    const float level = std::max(std::abs(audio.left[i]), std::abs(audio.right[i]));
    peak = std::max(peak, level);
    if (level > 1e-4f) {
      if (sounded && quiet >= least) ++gaps;
      sounded = true;
      quiet = 0;
    } else {
      ++quiet;
    }
  }
  std::printf("%d silences of %.2f s or more between sounds; peak %.4f\n", gaps, seconds, peak);
  return 0;
}

double ZeroCrossingHz(const std::vector<float>& x, int rate) {
  long crossings = 0, sounding = 0;
  for (std::size_t i = 1; i < x.size(); ++i) {
    // A tone at -30 dBFS crosses zero in steps of about 1e-3: a crossing has a sample beyond 1e-4.
    if (std::abs(x[i]) > 1e-4f || std::abs(x[i - 1]) > 1e-4f) {
      ++sounding;
      if ((x[i - 1] < 0.0f) != (x[i] < 0.0f)) ++crossings;
    }
  }
  return sounding == 0 ? 0.0 : 0.5 * static_cast<double>(crossings) * rate / static_cast<double>(sounding);
}

int Sides(const std::string& path) {
  Audio audio;
  if (!ReadAudio(path, &audio)) return 2;
  const double left = ZeroCrossingHz(audio.left, audio.rate);
  const double right = ZeroCrossingHz(audio.right, audio.rate);
  std::printf("left sounds at about %.0f Hz, right at about %.0f Hz\n", left, right);
  // Partner a's glide spans 175-262 Hz, b's a fifth higher (262-392 Hz).
  return left > 150 && left < 275 && right > 250 && right < 410 ? 0 : 1;
}

int Same(const std::string& live_path, const std::string& offline_path, double seconds = -1.0) {
  Audio live, offline;
  if (!ReadAudio(live_path, &live) || !ReadAudio(offline_path, &offline)) return 2;
  auto first_sound = [](const Audio& a) {
    for (std::size_t i = 0; i < a.left.size(); ++i) {
      if (a.left[i] != 0.0f || a.right[i] != 0.0f) return static_cast<long>(i);
    }
    return -1L;
  };
  const long live_start = first_sound(live), offline_start = first_sound(offline);
  if (live_start < 0 || offline_start < 0) return std::fprintf(stderr, "silent\n"), 1;
  const long shift = live_start - offline_start;
  long differing = 0, compared = 0;
  const std::size_t length =
      seconds < 0.0 ? offline.left.size()
                    : std::min(offline.left.size(), static_cast<std::size_t>(offline_start) +
                                                        static_cast<std::size_t>(seconds * offline.rate));
  for (std::size_t i = 0; i < length; ++i) {
    const long j = static_cast<long>(i) + shift;
    if (j < 0 || j >= static_cast<long>(live.left.size())) break;
    ++compared;
    if (live.left[static_cast<std::size_t>(j)] != offline.left[i] ||
        live.right[static_cast<std::size_t>(j)] != offline.right[i])
      ++differing;
  }
  std::printf("live stream starts %ld frames in; %ld of %ld frames compared differ\n", shift, differing,
              compared);
  return differing == 0 && compared == static_cast<long>(length) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "onsets")
    return Onsets(args[1], args[2], args.size() > 3 ? std::stod(args[3]) : 0.0);
  if (args.size() == 2 && args[0] == "peak") return Peak(args[1]);
  if (args.size() == 3 && args[0] == "steps") return Steps(args[1], std::stod(args[2]));
  if (args.size() == 2 && args[0] == "sides") return Sides(args[1]);
  if (args.size() == 3 && args[0] == "gaps") return Gaps(args[1], std::stod(args[2]));
  if (args.size() == 3 && args[0] == "same") return Same(args[1], args[2]);
  if (args.size() == 4 && args[0] == "start") return Same(args[1], args[2], std::stod(args[3]));
  std::fprintf(stderr, "usage: audio_check onsets|peak|steps|gaps|sides|same|start ...\n");
  return 2;
}
