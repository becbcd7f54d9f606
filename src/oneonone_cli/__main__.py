from oneonone_cli.cli.main import main

main()
