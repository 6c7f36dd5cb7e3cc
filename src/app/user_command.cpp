// `warmcity user add|passwd|list`: manage accounts from the shell, e.g. to
// create the first admin. Passwords are read from standard input (without
// echo on a terminal), never from the command line where `ps` would show them.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "app/application.h"
#include "app/commands.h"

namespace warmcity::app {

namespace {

struct UserOptions {
  std::string db_path = "var/warmcity.db";
  accounts::NewUser user;
  std::string password_cost = "interactive";
};

std::string read_password(const std::string& prompt) {
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got) throw CommandFailed("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::unique_ptr<Application> open_app(const std::string& db_path,
                                      const std::string& cost = "interactive") {
  AppConfig config;
  config.db_path = db_path;
  config.accounts.password_cost = password_cost_from_name(cost);
  return open_for_command(config);
}

void add_user(UserOptions& o) {
  o.user.password = read_password("Password for " + o.user.username + ": ");
  auto app = open_app(o.db_path, o.password_cost);
  auto id = app->accounts().add_user(o.user);
  if (!id.ok()) throw CommandFailed(id.status());
  std::cout << "created user " << o.user.username << " (id " << *id << ", role " << o.user.role
            << ")\n";
}

void set_password(UserOptions& o) {
  std::string password = read_password("New password for " + o.user.username + ": ");
  auto app = open_app(o.db_path);
  if (Status s = app->accounts().set_password(o.user.username, password); !s.ok()) {
    throw CommandFailed(s);
  }
  std::cout << "password changed for " << o.user.username << "; their sessions are signed out\n";
}

void list_users(UserOptions& o) {
  auto app = open_app(o.db_path);
  auto users = app->accounts().list_users();
  if (!users.ok()) throw CommandFailed(users.status());
  std::cout << "id\tusername\trole\tdisabled\tcreated_at\tdisplay_name\n";
  for (const auto& u : *users) {
    std::cout << u.id << "\t" << u.username << "\t" << u.role << "\t" << (u.disabled ? "yes" : "no")
              << "\t" << u.created_at << "\t" << u.display_name << "\n";
  }
}

}  // namespace

void add_user_command(CLI::App& cli) {
  auto o = std::make_shared<UserOptions>();
  CLI::App* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  add_db_options(user, o->db_path);

  CLI::App* add = user->add_subcommand("add", "create a user; the password is read from stdin");
  add->add_option("--username", o->user.username, "login name")->required();
  add->add_option("--role", o->user.role, "role")
      ->required()
      ->check(CLI::IsMember({"resident", "worker", "volunteer", "keeper", "department", "admin"}));
  add->add_option("--display-name", o->user.display_name, "name shown to others");
  add->add_option("--phone", o->user.phone, "mobile or landline with area code");
  add->add_option("--organisation", o->user.organisation_ids, "organisation id (repeatable)");
  add->add_option("--password-cost", o->password_cost, "argon2id cost")
      ->check(CLI::IsMember({"interactive", "moderate", "minimum"}))
      ->capture_default_str();
  add->callback([o] {
    if (o->user.display_name.empty()) o->user.display_name = o->user.username;
    add_user(*o);
  });

  CLI::App* passwd = user->add_subcommand("passwd", "set a password; read from stdin");
  passwd->add_option("--username", o->user.username, "login name")->required();
  passwd->callback([o] { set_password(*o); });

  CLI::App* list = user->add_subcommand("list", "list users");
  list->callback([o] { list_users(*o); });
}

}  // namespace warmcity::app
