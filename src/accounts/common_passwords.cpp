#include "accounts/common_passwords.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace warmcity::accounts {

namespace {

// Sorted (byte order), lower case, unique, each 8 to 128 characters.
constexpr std::string_view kCommon[] = {
    "00000000",    "000000000",  "0000000000",   "110110110",    "11111111",      "111111111",
    "1111111111",  "11223344",   "12121212",     "123123123",    "123321123",     "12341234",
    "12344321",    "123456123",  "12345678",     "123456789",    "1234567890",    "1234567890a",
    "123456789a",  "12345678a",  "1234567a",     "123456aa",     "123456abc",     "123456qq",
    "1234abcd",    "1234qwer",   "123654789",    "1314520520",   "147258369",     "159357159",
    "1q2w3e4r",    "1q2w3e4r5t", "1q2w3e4r5t6y", "1qaz!qaz",     "1qaz2wsx",      "1qaz@wsx",
    "1qazxsw2",    "22222222",   "31415926",     "52013141",     "5201314520",    "5201314a",
    "520520520",   "66666666",   "666666666",    "789456123",    "87654321",      "88888888",
    "888888888",   "987654321",  "9876543210",   "99999999",     "999999999",     "a1234567",
    "a12345678",   "a123456789", "a5201314",     "aa123456",     "aa123456789",   "aaaaaaaa",
    "aaaaaaaaa",   "abc12345",   "abc123456",    "abc@1234",     "abcd1234",      "abcd12345",
    "abcd@1234",   "abcdefgh",   "admin123",     "admin1234",    "admin12345",    "admin123456",
    "admin888",    "admin@123",  "admin@1234",   "adminadmin",   "administrator", "aini1314",
    "asd123456",   "asdasdasd",  "asdf1234",     "asdfasdf",     "asdfghjk",      "asdfghjkl",
    "baseball",    "baseball1",  "beijing2008",  "changeme",     "changeme1",     "charlie1",
    "computer",    "dearbook",   "default1",     "dragon12",     "football",      "football1",
    "freedom1",    "gov12345",   "guest123",     "iloveyou",     "iloveyou1",     "iloveyou1314",
    "internet",    "jennifer",   "jordan23",     "letmein1",     "letmein123",    "li123456",
    "lishi123",    "lishi2026",  "lvliang123",   "manager1",     "master123",     "michael1",
    "mima1234",    "mima123456", "monkey123",    "p@ssw0rd",     "p@ssw0rd123",   "p@ssword",
    "pass1234",    "passport",   "passw0rd",     "passwd123",    "password",      "password!",
    "password1",   "password12", "password123",  "password1234", "princess",      "q1w2e3r4",
    "q1w2e3r4t5",  "qaz123456",  "qazwsx123",    "qazwsxedc",    "qq111111",      "qq123456",
    "qq5201314",   "qqqqqqqq",   "qwe12345",     "qwe123456",    "qwer1234",      "qwer@1234",
    "qwerty12",    "qwerty123",  "qwerty1234",   "qwertyui",     "qwertyuiop",    "qwertyuiop123",
    "root1234",    "root123456", "root@123",     "secret123",    "shadow12",      "starwars",
    "sunshine",    "superman",   "sysadmin",     "test1234",     "test@123",      "testtest",
    "trustno1",    "w5201314",   "wang123456",   "wangwei1",     "warmcity",      "warmcity1",
    "warmcity123", "welcome1",   "welcome123",   "welcome@123",  "whatever",      "woaibaba",
    "woaini123",   "woaini1234", "woaini1314",   "woaini520",    "woaini521",     "woainimama",
    "woaiwojia",   "woaiwoma",   "wodemima",     "woshishui",    "xiazhili",      "zaq12wsx",
    "zaq1@wsx",    "zaq1zaq1",   "zhang123456",  "zhangwei",     "zhengfu123",    "zhongguo",
    "zhongguo123", "zxc123456",  "zxcvbnm1",     "zxcvbnm123",
};

static_assert(std::is_sorted(std::begin(kCommon), std::end(kCommon)), "keep kCommon sorted");
static_assert(std::adjacent_find(std::begin(kCommon), std::end(kCommon)) == std::end(kCommon),
              "kCommon has a duplicate");

}  // namespace

bool is_common_password(std::string_view password) {
  if (password.size() > 64) return false;  // longer than any entry
  std::string lower(password);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return std::binary_search(std::begin(kCommon), std::end(kCommon), std::string_view(lower));
}

std::span<const std::string_view> common_passwords() { return kCommon; }

}  // namespace warmcity::accounts
